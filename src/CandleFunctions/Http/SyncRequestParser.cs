using System.Text.Json;
using CandleFunctions.Orchestration;
using CandleFunctions.Storage.Symbols;
using CandleFunctions.Sync.Input;

namespace CandleFunctions.Http;

/// <summary>
/// Validates a <c>POST /api/sync</c> body the way <c>candles sync</c> validates its options:
/// <c>{"maxSymbols": n|null, "symbols": [...]?, "start": "2024-01-01", "end": "..."?}</c>.
/// </summary>
public static class SyncRequestParser
{
    private static readonly string[] Fields = ["maxSymbols", "symbols", "start", "end"];

    /// <summary>The input to schedule, or a message a person can act on.</summary>
    public static SyncRequestParseResult Parse(string? body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
            return Bad("The body must be a JSON object like {\"start\": \"2024-01-01\", \"maxSymbols\": 10}.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Bad($"The body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Bad("The body must be a JSON object.");
            foreach (var property in root.EnumerateObject())
            {
                if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                    return Bad($"Unknown field '{property.Name}' (expected {string.Join(", ", Fields)}).");
            }
            if (!root.TryGetProperty("start", out var startElement) || startElement.ValueKind != JsonValueKind.String)
                return Bad("'start' is required: a date like 2024-01-01 or an ISO-8601 instant like 2024-01-01T12:30:00Z.");
            var (start, startError) = Time("'start'", startElement.GetString()!);
            if (startError is not null)
                return Bad(startError);
            if (start >= now)
                return Bad($"'start' {start:yyyy-MM-dd HH:mm:ss} UTC is in the future.");

            DateTimeOffset? end = null;
            if (root.TryGetProperty("end", out var endElement) && endElement.ValueKind != JsonValueKind.Null)
            {
                var (e, endError) = Time("'end'", endElement.ValueKind == JsonValueKind.String ? endElement.GetString()! : endElement.GetRawText());
                if (endError is not null)
                    return Bad(endError);
                if (e <= start)
                    return Bad($"'end' {e:yyyy-MM-dd HH:mm:ss} UTC must be after 'start' {start:yyyy-MM-dd HH:mm:ss} UTC.");
                end = e;
            }

            int? maxSymbols = null;
            if (root.TryGetProperty("maxSymbols", out var maxElement) && maxElement.ValueKind != JsonValueKind.Null)
            {
                if (maxElement.ValueKind != JsonValueKind.Number || !maxElement.TryGetInt32(out var max) || max < 1)
                    return Bad($"'maxSymbols' must be a whole number of at least 1, or null for all (got {maxElement.GetRawText()}).");
                maxSymbols = max;
            }

            List<string>? symbols = null;
            if (root.TryGetProperty("symbols", out var symbolsElement) && symbolsElement.ValueKind != JsonValueKind.Null)
            {
                if (symbolsElement.ValueKind != JsonValueKind.Array)
                    return Bad("'symbols' must be an array of symbols like [\"BTCUSDT\", \"ETHUSDT\"], or left out to use filtered_tokens.csv.");
                symbols = [];
                foreach (var item in symbolsElement.EnumerateArray())
                {
                    var symbol = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().ToUpperInvariant() : null;
                    if (symbol is null)
                        return Bad($"'symbols' holds {item.GetRawText()}, not a symbol.");
                    if (SymbolName.Problem(symbol) is { } problem)
                        return Bad($"'symbols' holds {item.GetRawText()}, not a symbol: {problem}.");
                    if (!symbols.Contains(symbol, StringComparer.Ordinal))
                        symbols.Add(symbol);
                }
                if (symbols.Count == 0)
                    return Bad("'symbols' is empty; leave it out to use filtered_tokens.csv.");
            }
            return new SyncRequestParseResult(new SyncInput(symbols, maxSymbols, start, end), null);
        }
    }

    /// <summary>The CLI's parse of a start or end, with its message on failure.</summary>
    private static (DateTimeOffset Value, string? Error) Time(string name, string text)
    {
        try
        {
            return (TimeArgument.Parse(name, text), null);
        }
        catch (InputException e)
        {
            return (default, e.Message);
        }
    }

    private static SyncRequestParseResult Bad(string message) => new(null, message);
}
