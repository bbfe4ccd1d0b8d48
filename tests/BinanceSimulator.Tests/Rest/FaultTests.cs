using System.Diagnostics;
using BinanceSimulator.Rest;
using BinanceSimulator.Rest.Faults;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

public sealed class FaultTests
{
    [Fact]
    public async Task ServiceUnavailable_Is503_AndItsWeightIsNotCounted()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.ServiceUnavailable);

        var reply = await sim.KlinesAsync("symbol=BTCUSDT");

        Assert.Equal(503, reply.Status);
        Assert.Equal("Service Unavailable.", reply.ErrorMessage);
        Assert.Equal("0", reply.Header("x-mbx-used-weight-1m"));
        Assert.Equal(0, sim.Host.Counters.TotalWeight);
    }

    [Fact]
    public async Task UnknownError_Is503_AndItsWeightIsCounted()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.UnknownError);

        var reply = await sim.KlinesAsync("symbol=BTCUSDT");

        Assert.Equal(503, reply.Status);
        Assert.Equal("Unknown error, please check your request or try again later.", reply.ErrorMessage);
        Assert.Equal("5", reply.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task DropConnection_FailsTheRequest_CountsItsWeight_AndTheNextRequestWorks()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.DropConnection);

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.KlinesAsync("symbol=BTCUSDT"));
        var next = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(200, next.Status);
        Assert.Equal("6", next.Header("x-mbx-used-weight-1m"));
        Assert.Equal(1, sim.Host.Counters.Requests(RestEndpoint.Klines, status: 0));
    }

    [Fact]
    public async Task TruncatedBody_SendsHeadersAndPartOfTheBody_ThenAborts()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.TruncatedBody);

        using var response = await sim.Client.GetAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=100", HttpCompletionOption.ResponseHeadersRead);
        var declared = response.Content.Headers.ContentLength!.Value;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[declared];
        var received = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            int n;
            while ((n = await body.ReadAsync(buffer.AsMemory(received))) > 0)
                received += n;
        });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.IsAssignableFrom<IOException>(failure);
        Assert.InRange(received, 1, declared - 1);
    }

    [Fact]
    public async Task TruncatedBody_FailsABufferedRead_CountsItsWeight_AndTheNextRequestWorks()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.TruncatedBody);

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Client.GetAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=100"));
        var next = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(200, next.Status);
        Assert.Equal("3", next.Header("x-mbx-used-weight-1m"));
        Assert.Equal(1, sim.Host.Counters.Faults(RestFault.TruncatedBody));
    }

    [Fact]
    public async Task CutBody_DeclaresTheCutLength_SoTheReadSucceedsButTheJsonIsIncomplete()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.CutBody);

        using var response = await sim.Client.GetAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=100");
        var body = await response.Content.ReadAsByteArrayAsync();
        var next = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(response.Content.Headers.ContentLength, body.Length);
        Assert.InRange(body.Length, 100, int.MaxValue);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(body));
        Assert.Equal("3", next.Header("x-mbx-used-weight-1m"));
        Assert.Equal(1, sim.Host.Counters.Faults(RestFault.CutBody));
    }

    [Fact]
    public async Task UndecodableBody_ClaimsGzipOverBytesThatAreNot_SoADecompressingClientCannotReadIt()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.UndecodableBody);
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip }) { BaseAddress = sim.Host.BaseUrl };

        using var response = await http.GetAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=100", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(200, (int)response.StatusCode);
        await Assert.ThrowsAsync<InvalidDataException>(() => response.Content.ReadAsStringAsync());
        Assert.Equal(1, sim.Host.Counters.Faults(RestFault.UndecodableBody));
    }

    [Fact]
    public async Task A_request_accepting_gzip_gets_a_gzip_body_with_the_same_json_and_one_without_gets_it_plain()
    {
        await using var sim = await StartAsync();
        const string path = "fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1762041600000&limit=100";
        using var raw = new HttpClient { BaseAddress = sim.Host.BaseUrl };
        using var asking = new HttpRequestMessage(HttpMethod.Get, path);
        asking.Headers.AcceptEncoding.ParseAdd("gzip");

        using var compressed = await raw.SendAsync(asking);
        using var plain = await raw.GetAsync(path);
        var zipped = await compressed.Content.ReadAsByteArrayAsync();
        using var inflated = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(zipped), System.IO.Compression.CompressionMode.Decompress))
            gzip.CopyTo(inflated);

        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), inflated.ToArray());
        Assert.True(zipped.Length < inflated.Length, $"{zipped.Length} compressed bytes for {inflated.Length}");
    }

    [Fact]
    public async Task SlowResponse_OutlastsAClientTimeout()
    {
        await using var sim = await StartAsync(o => o.Rest.Faults.SlowResponseDelay = TimeSpan.FromSeconds(20));
        sim.Host.Rest.ForceNext(RestFault.SlowResponse);
        using var impatient = new HttpClient { BaseAddress = sim.Host.BaseUrl, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("fapi/v1/klines?symbol=BTCUSDT&interval=1m"));
    }

    [Fact]
    public async Task SlowResponse_EventuallyDeliversTheNormalBody()
    {
        await using var sim = await StartAsync(o => o.Rest.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(100));
        sim.Host.Rest.ForceNext(RestFault.SlowResponse);

        var reply = await sim.KlinesAsync("symbol=BTCUSDT&limit=3");

        Assert.Equal(200, reply.Status);
        Assert.Equal(3, reply.Rows.Count);
        Assert.Equal(1, sim.Host.Counters.Faults(RestFault.SlowResponse));
    }

    [Fact]
    public async Task ForcedTooManyRequests_Is429WithoutWeight()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.TooManyRequests);

        var reply = await sim.KlinesAsync("symbol=BTCUSDT");

        Assert.Equal(429, reply.Status);
        Assert.Equal(-1003, reply.ErrorCode);
        Assert.Equal("0", reply.Header("x-mbx-used-weight-1m"));
    }

    [Fact]
    public async Task ForcedFaults_ApplyToTheNamedEndpointOnly_CountTimes()
    {
        await using var sim = await StartAsync();
        sim.Host.Rest.ForceNext(RestFault.ServiceUnavailable, count: 2, endpoint: RestEndpoint.Klines);

        var ping = await sim.GetAsync("fapi/v1/ping");
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await sim.KlinesAsync("symbol=BTCUSDT&limit=1")).Status);

        Assert.Equal(200, ping.Status);
        Assert.Equal([503, 503, 200], statuses);
        Assert.Equal(0, sim.Host.Rest.PendingForced);
    }

    [Fact]
    public async Task RandomFaults_AreTheSameForTheSameSeed()
    {
        var first = await StatusesAsync(seed: 7);
        var again = await StatusesAsync(seed: 7);
        var other = await StatusesAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task RandomFaults_HitOnlyKlinesByDefault()
    {
        await using var sim = await StartAsync(o => o.Rest.Faults.UnknownErrorRate = 1);

        var ping = await sim.GetAsync("fapi/v1/ping");
        var klines = await sim.KlinesAsync("symbol=BTCUSDT&limit=1");

        Assert.Equal(200, ping.Status);
        Assert.Equal(503, klines.Status);
    }

    [Fact]
    public async Task RandomFaults_HitEveryEndpointWhenNotKlinesOnly()
    {
        await using var sim = await StartAsync(o => { o.Rest.Faults.UnknownErrorRate = 1; o.Rest.Faults.KlinesOnly = false; });

        var ping = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(503, ping.Status);
    }

    [Fact]
    public async Task Latency_DelaysEveryResponseByAtLeastItsMinimum()
    {
        await using var sim = await StartAsync(o => { o.Rest.LatencyMin = TimeSpan.FromMilliseconds(60); o.Rest.LatencyMax = TimeSpan.FromMilliseconds(80); });
        await sim.GetAsync("fapi/v1/ping");

        var watch = Stopwatch.StartNew();
        var reply = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(200, reply.Status);
        Assert.True(watch.ElapsedMilliseconds >= 50, $"took {watch.ElapsedMilliseconds} ms");
    }

    private static async Task<List<int>> StatusesAsync(int seed)
    {
        await using var sim = await StartAsync(o => { o.Rest.Faults.Seed = seed; o.Rest.Faults.ServiceUnavailableRate = 0.5; });
        var statuses = new List<int>();
        for (var i = 0; i < 24; i++)
            statuses.Add((await sim.KlinesAsync("symbol=BTCUSDT&limit=1")).Status);
        return statuses;
    }
}
