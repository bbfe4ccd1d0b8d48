using CandleFunctions.Hosting;
using CandleFunctions.Orchestration;
using CandleFunctions.Tests.Fakes;
using CandleFunctions.TopUp;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.TopUp;

public sealed class DailyTopUpTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
    private readonly FakeDurableClient _client = new();

    [Fact]
    public async Task The_first_trigger_of_a_day_starts_a_top_up_under_that_days_instance_id()
    {
        var id = await new DailyTopUp(_time, new CandleFunctionsOptions()).StartAsync(_client, CancellationToken.None);

        Assert.Equal("topup-20261201", id);
        var input = (SyncInput)_client.Instances["topup-20261201"].Input!;
        Assert.True(input.TopUp);
        Assert.Null(input.Symbols);
        Assert.Null(input.End);
    }

    [Fact]
    public async Task A_repeated_trigger_the_same_day_does_nothing()
    {
        var topUp = new DailyTopUp(_time, new CandleFunctionsOptions());
        await topUp.StartAsync(_client, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(3));

        var again = await topUp.StartAsync(_client, CancellationToken.None);

        Assert.Null(again);
        Assert.Single(_client.Instances);
    }

    [Fact]
    public async Task The_next_day_gets_a_new_instance()
    {
        var topUp = new DailyTopUp(_time, new CandleFunctionsOptions());
        await topUp.StartAsync(_client, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal("topup-20261202", await topUp.StartAsync(_client, CancellationToken.None));
    }
}
