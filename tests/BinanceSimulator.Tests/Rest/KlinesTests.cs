using System.Text.Json;
using CandleFunctions.Core.Candles;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Rest;

public sealed class KlinesTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RunningSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task NoTimes_ReturnMostRecentLimitAscending_EndingWithTheOpenCandle()
    {
        var reply = await _sim.KlinesAsync("symbol=BTCUSDT&limit=3");

        Assert.Equal(200, reply.Status);
        Assert.Equal([Ms("2026-11-30 23:58:00"), Ms("2026-11-30 23:59:00"), Ms("2026-12-01 00:00:00")], reply.OpenTimes);
        Assert.True(reply.Rows[^1][6].GetInt64() > DefaultNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task OpenCandle_KeepsMovingUntilItCloses()
    {
        var early = (await _sim.KlinesAsync("symbol=BTCUSDT&limit=1")).Rows[0];
        _sim.Time.Advance(TimeSpan.FromSeconds(20));
        var later = (await _sim.KlinesAsync("symbol=BTCUSDT&limit=1")).Rows[0];

        Assert.Equal(early[0].GetInt64(), later[0].GetInt64());
        Assert.NotEqual(early[5].GetString(), later[5].GetString());
    }

    [Fact]
    public async Task OnlyStartTime_ReturnsTheFirstLimitCandlesFromIt()
    {
        var start = Ms("2026-11-01 00:00:00");
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={start}&limit=5");

        Assert.Equal(Enumerable.Range(0, 5).Select(i => start + i * Minute), reply.OpenTimes);
    }

    [Fact]
    public async Task StartTime_OffBoundary_RoundsUpToTheNextOpenTime()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:01")}&limit=1");

        Assert.Equal([Ms("2026-11-01 00:01:00")], reply.OpenTimes);
    }

    [Fact]
    public async Task OnlyEndTime_ReturnsTheLastLimitCandlesUpToItInclusive_Ascending()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&endTime={Ms("2026-11-01 00:10:00")}&limit=3");

        Assert.Equal([Ms("2026-11-01 00:08:00"), Ms("2026-11-01 00:09:00"), Ms("2026-11-01 00:10:00")], reply.OpenTimes);
    }

    [Fact]
    public async Task EndTimeInTheFuture_EndsWithTheOpenCandle()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&endTime={Ms("2027-01-01 00:00:00")}&limit=2");

        Assert.Equal([Ms("2026-11-30 23:59:00"), Ms("2026-12-01 00:00:00")], reply.OpenTimes);
    }

    [Fact]
    public async Task EndTime_OffBoundary_RoundsDown()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&endTime={Ms("2026-11-01 00:10:30")}&limit=1");

        Assert.Equal([Ms("2026-11-01 00:10:00")], reply.OpenTimes);
    }

    [Fact]
    public async Task BothTimes_FilterOpenTimeInclusively()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:00")}&endTime={Ms("2026-11-01 00:04:00")}&limit=10");

        Assert.Equal(5, reply.Rows.Count);
        Assert.Equal(Ms("2026-11-01 00:04:00"), reply.OpenTimes[^1]);
    }

    [Fact]
    public async Task BothTimes_WithASmallLimit_ReturnTheFirstCandlesFromStart()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:00")}&endTime={Ms("2026-11-01 01:00:00")}&limit=3");

        Assert.Equal([Ms("2026-11-01 00:00:00"), Ms("2026-11-01 00:01:00"), Ms("2026-11-01 00:02:00")], reply.OpenTimes);
    }

    [Fact]
    public async Task NoLimit_DefaultsTo500()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:00")}");

        Assert.Equal(500, reply.Rows.Count);
    }

    [Fact]
    public async Task Limit1500_IsServedInFull()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:00")}&limit=1500");

        Assert.Equal(1500, reply.Rows.Count);
    }

    [Theory]
    [InlineData(1501)]
    [InlineData(2000)]
    [InlineData(0)]
    public async Task LimitOutOfRange_Is400Minus1130(int limit)
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&limit={limit}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("""{"code":-1130,"msg":"Data sent for parameter 'limit' is not valid."}""", reply.Body);
    }

    [Theory]
    [InlineData("NOPEUSDT")]
    [InlineData("FTTUSDT")]
    public async Task UnknownOrUnlistedSymbol_Is400Minus1121(string symbol)
    {
        var reply = await _sim.KlinesAsync($"symbol={symbol}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("""{"code":-1121,"msg":"Invalid symbol."}""", reply.Body);
    }

    [Fact]
    public async Task StartAfterEnd_Is400Minus1023()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:10:00")}&endTime={Ms("2026-11-01 00:00:00")}");

        Assert.Equal(400, reply.Status);
        Assert.Equal(-1023, reply.ErrorCode);
    }

    [Fact]
    public async Task MissingSymbol_Is400Minus1102()
    {
        var reply = await _sim.GetAsync("fapi/v1/klines?interval=1m");

        Assert.Equal(400, reply.Status);
        Assert.Equal(-1102, reply.ErrorCode);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("1s")]
    [InlineData("7m")]
    public async Task IntervalOtherThan1m_Is400Minus1120(string interval)
    {
        var reply = await _sim.GetAsync($"fapi/v1/klines?symbol=BTCUSDT&interval={interval}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("""{"code":-1120,"msg":"Invalid interval."}""", reply.Body);
    }

    [Fact]
    public async Task MalformedStartTime_Is400Minus1100()
    {
        var reply = await _sim.KlinesAsync("symbol=BTCUSDT&startTime=yesterday");

        Assert.Equal(400, reply.Status);
        Assert.Equal(-1100, reply.ErrorCode);
        Assert.Contains("'startTime'", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_Have12TypedColumns_AndCloseTimeOneMinuteLater()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-01 00:00:00")}&limit=50");

        JsonValueKind[] expected =
        [
            JsonValueKind.Number, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String,
            JsonValueKind.Number, JsonValueKind.String, JsonValueKind.Number, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String,
        ];
        Assert.All(reply.Rows, row =>
        {
            Assert.Equal(expected, row.EnumerateArray().Select(e => e.ValueKind));
            Assert.Equal(row[0].GetInt64() + 59_999, row[6].GetInt64());
            Assert.Equal("0", row[11].GetString());
        });
    }

    [Fact]
    public async Task Body_IsCompactJson()
    {
        var reply = await _sim.KlinesAsync("symbol=BTCUSDT&limit=5");

        Assert.DoesNotContain(' ', reply.Body);
        Assert.DoesNotContain('\n', reply.Body);
    }

    [Fact]
    public async Task ClosedCandles_EqualTheMarketsGroundTruth()
    {
        var range = new UtcRange(At("2026-11-01 00:00:00"), At("2026-11-01 02:00:00"));
        var truth = _sim.Host.Market.ClosedTradedCandles("ETHUSDT", range, _sim.Host.ServerNow).Select(c => c.ToArchiveCsvRow());

        var reply = await _sim.KlinesAsync($"symbol=ETHUSDT&startTime={Ms("2026-11-01 00:00:00")}&limit=120");

        Assert.Equal(truth, reply.Rows.Select(r => string.Join(',', r.EnumerateArray().Select(e => e.ToString()))));
    }

    [Fact]
    public async Task Outage_HasNoCandles()
    {
        var reply = await _sim.KlinesAsync($"symbol=BTCUSDT&startTime={Ms("2026-11-10 02:50:00")}&endTime={Ms("2026-11-10 03:55:00")}&limit=100");

        Assert.Equal(66 - 45, reply.Rows.Count);
        Assert.DoesNotContain(reply.OpenTimes, t => t >= Ms("2026-11-10 03:00:00") && t < Ms("2026-11-10 03:45:00"));
    }
}
