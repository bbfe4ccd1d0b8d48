using BinanceSimulator.Hosting;
using CandleFunctions.Activities;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Planning;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Exchange;
using CandleFunctions.Staging;
using CandleFunctions.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.Activities;

/// <summary>The chunk activity under a grant reserved in the next window, against the simulator on a fake clock.</summary>
public sealed class FetchChunkActivityTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SyncHarness.Now);
    private readonly SocketsHttpHandler _connections = new();
    private readonly string _staging = Path.Combine(Path.GetTempPath(), "candle-functions-tests", Guid.NewGuid().ToString("N"));
    private SimulatorHost? _simulator;

    public async Task InitializeAsync() => _simulator = await SimulatorHost.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
            await _simulator.DisposeAsync();
        _connections.Dispose();
        if (Directory.Exists(_staging))
            Directory.Delete(_staging, recursive: true);
    }

    [Fact]
    public async Task A_grant_for_the_next_window_sends_nothing_before_it_opens()
    {
        var activity = new FetchChunkActivity(new ExchangeClientFactory(_connections, _simulator!.BaseUrl, _time), new LocalChunkStaging(_staging), _time);
        var day = new UtcRange(SyncHarness.At("2026-11-20 00:00"), SyncHarness.At("2026-11-21 00:00"));
        var pages = KlinePager.Pages(day).ToList();
        var sendFrom = SyncHarness.Now + TimeSpan.FromSeconds(30);
        var work = new ChunkWork("run1:BTCUSDT", "BTCUSDT", 0, pages, new RateLimitRule(2400, TimeSpan.FromMinutes(1)), TimeSpan.Zero,
            SendBy: sendFrom + TimeSpan.FromSeconds(29), SendFrom: sendFrom);

        var fetching = activity.FetchAsync(work, CancellationToken.None);
        await Task.Delay(200);
        var before = _simulator.Counters.TotalRequests;
        var doneBefore = fetching.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(30));
        var summary = await fetching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, before);
        Assert.False(doneBefore);
        Assert.Equal(pages.Count, summary.Staged.Count);
        Assert.Equal(pages.Count, _simulator.Counters.TotalRequests);
        Assert.Empty(summary.Unsent);
    }
}
