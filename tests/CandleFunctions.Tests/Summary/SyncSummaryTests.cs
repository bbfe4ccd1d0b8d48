using System.Text.Json;
using CandleFunctions.Cli.Output;
using CandleFunctions.Core.Candles;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Sync;
using CandleFunctions.Tests.Fakes;

namespace CandleFunctions.Tests.Summary;

public sealed class SyncSummaryTests
{
    private static readonly UtcRange Range = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

    private static readonly SyncReport Report = new(
        Range,
        [
            new SymbolReport("BTCUSDT", SymbolOutcome.Synced, Range, 1440, [Range], [], null) { ArchiveFiles = 1 },
            new SymbolReport("NOPEUSDT", SymbolOutcome.Unknown, null, 0, [], [], "not listed"),
            new SymbolReport("ETHUSDT", SymbolOutcome.UpToDate, Range, 0, [], ["x"], null),
        ],
        12, 6, 1, 0, 2, 4096, null, false, TimeSpan.FromSeconds(1.5));

    [Fact]
    public void The_orchestration_output_is_the_document_the_cli_prints_with_json()
    {
        var cli = new StringWriter();
        SummaryWriter.WriteJson(cli, Report);

        // The worker serializes outputs with default (PascalCase) options; the attributes must still win.
        var functions = JsonSerializer.Serialize(SyncSummary.From(Report), FakeJson.Options);

        Assert.True(
            JsonElement.DeepEquals(JsonDocument.Parse(cli.ToString()).RootElement, JsonDocument.Parse(functions).RootElement),
            $"CLI:\n{cli}\nFunctions:\n{functions}");
    }
}
