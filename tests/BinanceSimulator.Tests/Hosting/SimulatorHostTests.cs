using System.Globalization;
using BinanceSimulator.Hosting;
using BinanceSimulator.Tests.Rest;
using static BinanceSimulator.Tests.Rest.RunningSimulator;

namespace BinanceSimulator.Tests.Hosting;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task BaseUrl_IsLoopbackOnAFreePort()
    {
        await using var sim = await StartAsync();

        Assert.Equal("127.0.0.1", sim.Host.BaseUrl.Host);
        Assert.NotEqual(0, sim.Host.BaseUrl.Port);
    }

    [Fact]
    public async Task ServerTime_IsTheHostClockPlusTheOffset()
    {
        await using var sim = await StartAsync(o => o.ClockOffset = TimeSpan.FromSeconds(-7));

        var reply = await sim.GetAsync("fapi/v1/time");

        var expected = DefaultNow.AddSeconds(-7).ToUnixTimeMilliseconds();
        Assert.Equal($$"""{"serverTime":{{expected}}}""", reply.Body);
        Assert.Equal(expected, sim.Host.ServerNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ExchangeInfo_ServerTime_IsTheServerClock()
    {
        await using var sim = await StartAsync(o => o.ClockOffset = TimeSpan.FromSeconds(3));

        var reply = await sim.GetAsync("fapi/v1/exchangeInfo");

        Assert.Equal(DefaultNow.AddSeconds(3).ToUnixTimeMilliseconds(), reply.Json.GetProperty("serverTime").GetInt64());
    }

    [Fact]
    public async Task Ping_IsAnEmptyObject()
    {
        await using var sim = await StartAsync();

        var reply = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal("{}", reply.Body);
        Assert.Equal("application/json", reply.Header("Content-Type"));
    }

    [Fact]
    public async Task DateHeader_ReflectsTheServerClock()
    {
        await using var sim = await StartAsync(o => o.ClockOffset = TimeSpan.FromHours(5));

        var reply = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(DefaultNow.AddHours(5).ToString("r", CultureInfo.InvariantCulture), reply.Header("Date"));
    }

    [Fact]
    public async Task AFrozenOrJumpingTestClock_DoesNotDisturbTheWebServer()
    {
        await using var sim = await StartAsync();
        await sim.GetAsync("fapi/v1/ping");

        sim.Time.Advance(TimeSpan.FromDays(3));
        var afterJump = await sim.GetAsync("fapi/v1/ping");

        Assert.Equal(200, afterJump.Status);
        Assert.Equal(1, sim.Host.Counters.WeightByWindow.Count(w => w.Key >= DefaultNow.AddDays(3).AddMinutes(-1)));
    }

    [Fact]
    public async Task InvalidOptions_AreRejectedAtStart()
    {
        var options = new SimulatorOptions();
        options.Rest.Interval = "WEEK";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(options));

        Assert.Contains("WEEK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsFile_SetsLimitsClockOffsetAndFaults()
    {
        var options = SimulatorOptionsFile.Parse("""
            {
              // time-compressed run
              "Rest": { "WeightLimit": 240, "Interval": "SECOND", "IntervalNum": 6, "SendRetryAfter": true,
                        "Faults": { "Seed": 4, "UnknownErrorRate": 0.1, "SlowResponseDelay": "00:00:05" } },
              "ClockOffset": "00:00:02.500"
            }
            """);

        Assert.Equal(240, options.Rest.WeightLimit);
        Assert.Equal(TimeSpan.FromSeconds(6), options.Rest.Window);
        Assert.Equal("x-mbx-used-weight-6s", options.Rest.UsedWeightHeader);
        Assert.True(options.Rest.SendRetryAfter);
        Assert.Equal(0.1, options.Rest.Faults.UnknownErrorRate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Rest.Faults.SlowResponseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.ClockOffset);
    }

    [Fact]
    public void OptionsFile_RejectsAMisspeltSetting()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => SimulatorOptionsFile.Parse("""{ "Rest": { "WeightLimt": 10 } }"""));
    }
}
