using System.Text.Json;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>One symbol's entry of the --json summary.</summary>
public sealed class SymbolSummary(JsonElement element)
{
    public string Name => element.GetProperty("symbol").GetString()!;

    public string Status => element.GetProperty("status").GetString()!;

    public UtcRange? Listed => ReadRange(element.GetProperty("listed"));

    public long CandlesAdded => element.GetProperty("candlesAdded").GetInt64();

    public int ArchiveFiles => element.GetProperty("archiveFiles").GetInt32();

    public IReadOnlyList<UtcRange> RangesFetched =>
        element.GetProperty("rangesFetched").EnumerateArray().Select(r => ReadRange(r)!.Value).ToList();

    public IReadOnlyList<string> Errors =>
        element.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();

    public string? Reason => element.GetProperty("reason").GetString();

    /// <summary>The "repairs" object (verdict, clock and counts) of a file verified against the exchange.</summary>
    public JsonElement Repairs => element.GetProperty("repairs");

    public override string ToString() => element.ToString();

    internal static UtcRange? ReadRange(JsonElement range) =>
        range.ValueKind == JsonValueKind.Null
            ? null
            : new UtcRange(
                range.GetProperty("start").GetDateTimeOffset().ToUniversalTime(),
                range.GetProperty("end").GetDateTimeOffset().ToUniversalTime());
}
