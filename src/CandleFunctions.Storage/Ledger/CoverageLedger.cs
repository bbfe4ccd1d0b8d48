using System.Text.Json;
using System.Text.Json.Serialization;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Storage.Ledger;

/// <summary>The JSON form of a symbol's coverage ledger: the ranges known complete.</summary>
public static class CoverageLedger
{
    /// <summary>The format version written and understood.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Renders the ledger of <paramref name="symbol"/>, ending in '\n'.</summary>
    public static string Serialize(string symbol, CoverageSet covered)
    {
        ArgumentNullException.ThrowIfNull(covered);
        var document = new LedgerDocument(
            Version,
            symbol,
            covered.Ranges.Select(r => new LedgerRange(r.Start, r.End)).ToList());
        return JsonSerializer.Serialize(document, s_json).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Reads a ledger written by <see cref="Serialize"/>.</summary>
    /// <exception cref="CorruptLedgerException">The text is not a valid ledger of <paramref name="symbol"/>.</exception>
    public static CoverageSet Parse(string json, string source, string symbol)
    {
        LedgerDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<LedgerDocument>(json, s_json);
        }
        catch (JsonException e)
        {
            throw new CorruptLedgerException(source, $"not a valid ledger ({e.Message})", e);
        }
        if (document is null)
            throw new CorruptLedgerException(source, "it is empty");
        if (document.Version != Version)
            throw new CorruptLedgerException(source, $"unsupported version {document.Version} (this program reads version {Version})");
        if (!string.Equals(document.Symbol, symbol, StringComparison.Ordinal))
            throw new CorruptLedgerException(source, $"it is the ledger of {document.Symbol}, not {symbol}");
        var ranges = new List<UtcRange>(document.Covered.Count);
        foreach (var range in document.Covered)
        {
            var start = range.Start.ToUniversalTime();
            var end = range.End.ToUniversalTime();
            if (end <= start)
                throw new CorruptLedgerException(source, $"range {start:O} to {end:O} is empty or reversed");
            ranges.Add(new UtcRange(start, end));
        }
        return CoverageSet.Of(ranges);
    }

    private sealed record LedgerDocument(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("symbol")] string Symbol,
        [property: JsonPropertyName("covered")] List<LedgerRange> Covered);

    private sealed record LedgerRange(
        [property: JsonPropertyName("start")] DateTimeOffset Start,
        [property: JsonPropertyName("end")] DateTimeOffset End);
}
