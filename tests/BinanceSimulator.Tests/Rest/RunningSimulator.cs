using System.Globalization;
using System.Text.Json;
using BinanceSimulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BinanceSimulator.Tests.Rest;

/// <summary>An embedded simulator on loopback with a fake clock and an HttpClient pointed at it.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    /// <summary>Default start of the fake clock: after every special event of the default universe but XEM's listing.</summary>
    public static readonly DateTimeOffset DefaultNow = At("2026-12-01 00:00:30");

    private RunningSimulator(SimulatorHost host, FakeTimeProvider time, HttpClient client)
    {
        Host = host;
        Time = time;
        Client = client;
    }

    public SimulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<RunningSimulator> StartAsync(Action<SimulatorOptions>? configure = null, DateTimeOffset? now = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        var time = new FakeTimeProvider(now ?? DefaultNow);
        var host = await SimulatorHost.StartAsync(options, time: time);
        var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        return new RunningSimulator(host, time, client);
    }

    public async Task<Reply> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response, body);
    }

    public Task<Reply> KlinesAsync(string query) => GetAsync("fapi/v1/klines?interval=1m&" + query);

    public static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static long Ms(string utc) => At(utc).ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A response, read fully, with its body parsed when it is JSON.</summary>
    public sealed class Reply(HttpResponseMessage response, string body)
    {
        public int Status { get; } = (int)response.StatusCode;

        public string Body { get; } = body;

        public JsonElement Json { get; } = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;

        private readonly Dictionary<string, string> _headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);

        /// <summary>Every header name sent, as the client sees it.</summary>
        public IReadOnlyCollection<string> HeaderNames => _headers.Keys;

        public string? Header(string name) => _headers.GetValueOrDefault(name);

        public IReadOnlyList<JsonElement> Rows => Json.EnumerateArray().ToList();

        public IReadOnlyList<long> OpenTimes => Rows.Select(r => r[0].GetInt64()).ToList();

        public int ErrorCode => Json.GetProperty("code").GetInt32();

        public string ErrorMessage => Json.GetProperty("msg").GetString()!;
    }
}
