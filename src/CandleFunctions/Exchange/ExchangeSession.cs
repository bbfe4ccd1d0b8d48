using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;

namespace CandleFunctions.Exchange;

/// <summary>A REST client for one activity invocation, with the recorder that watches its responses.</summary>
public sealed class ExchangeSession(BinanceFuturesClient client, WeightGovernor governor, FeedbackRecorder recorder, HttpClient http) : IDisposable
{
    /// <summary>The real REST client of the CLI, here under an already granted budget.</summary>
    public BinanceFuturesClient Client { get; } = client;

    /// <summary>The client's local governor: it knows the server clock offset and converts ban times.</summary>
    public WeightGovernor Governor { get; } = governor;

    /// <summary>What the exchange said about weight during this session.</summary>
    public FeedbackRecorder Recorder { get; } = recorder;

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
