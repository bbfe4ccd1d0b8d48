using System.Text.Json;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>Typed, strict reading of the --json summary: a missing property fails the test.</summary>
public sealed class RunSummary(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public IReadOnlyList<SymbolSummary> Symbols =>
        Root.GetProperty("symbols").EnumerateArray().Select(s => new SymbolSummary(s)).ToList();

    public SymbolSummary Symbol(string name) => Symbols.Single(s => s.Name == name);

    public JsonElement Totals => Root.GetProperty("totals");

    public long TotalCandlesAdded => Totals.GetProperty("candlesAdded").GetInt64();

    public int TotalFailed => Totals.GetProperty("failed").GetInt32();

    public long WeightUsed => Root.GetProperty("weightUsed").GetInt64();

    public long Requests => Root.GetProperty("requests").GetInt64();

    public int TooManyRequests => Root.GetProperty("tooManyRequests").GetInt32();

    public int Bans => Root.GetProperty("bans").GetInt32();

    public long TransientRetries => Root.GetProperty("transientRetries").GetInt64();

    public DateTimeOffset? BannedUntil =>
        Root.GetProperty("bannedUntil") is { ValueKind: JsonValueKind.String } b ? b.GetDateTimeOffset() : null;

    public bool Cancelled => Root.GetProperty("cancelled").GetBoolean();

    public UtcRange Range => SymbolSummary.ReadRange(Root.GetProperty("range"))!.Value;
}
