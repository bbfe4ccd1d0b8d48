using System.Text.Json;

namespace CandleFunctions.Binance.Rest;

/// <summary>
/// A response body that does not parse as what the endpoint returns: cut short (even with a matching Content-Length),
/// empty, a proxy's HTML page, or an error object where data belongs. Transient: retried like a 5xx.
/// </summary>
public sealed class MalformedResponseException(string message, Exception? inner = null) : JsonException(message, inner);
