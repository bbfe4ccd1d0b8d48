using System.Text.Json;
using CandleFunctions.Core.RateLimiting;
using CandleFunctions.Tests.Fakes;
using CandleFunctions.Weight;
using Microsoft.Extensions.Time.Testing;

namespace CandleFunctions.Tests.Weight;

/// <summary>The entity driven through the real TaskEntity dispatch, its state kept as JSON between operations.</summary>
public sealed class WeightBudgetEntityTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 10, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WeightBudgetEntityOptions _options = new();
    private readonly FakeEntityState _state = new(null);

    [Fact]
    public async Task A_grant_is_valid_until_its_window_ends_less_the_clock_uncertainty()
    {
        await ConfigureAsync();

        var grant = await AcquireAsync("a", 10);

        Assert.True(grant.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 59, 750, TimeSpan.Zero), grant.SendBy);
    }

    [Fact]
    public async Task Asking_again_with_the_same_id_returns_the_same_grant_without_reserving_twice()
    {
        await ConfigureAsync();

        await AcquireAsync("a", 10);
        var again = await AcquireAsync("a", 10);

        Assert.True(again.Granted);
        Assert.Equal(10, Budget().Windows.Single().Reserved);
    }

    [Fact]
    public async Task With_another_program_on_the_ip_weight_in_flight_is_capped_until_a_grant_is_reported()
    {
        await ConfigureAsync();
        // A header showing 100 of another program's weight beside our 2.
        await AcquireAsync("seen", 2);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("seen", 0, [new ExchangeFeedback(UsedWeight: 102, UsedWeightAt: Start)]));
        await AcquireAsync("a", 20);

        var refused = await AcquireAsync("b", 20);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, []));
        var granted = await AcquireAsync("b", 20);

        Assert.False(refused.Granted);
        Assert.Equal(Start + _options.InFlightRetry, refused.RetryAt);
        Assert.True(granted.Granted);
    }

    [Fact]
    public async Task Alone_on_the_ip_grants_stay_open_side_by_side_until_the_window_is_spent()
    {
        await ConfigureAsync();

        var granted = 0;
        WeightGrant answer;
        for (var i = 0; (answer = await AcquireAsync("g" + i, 30)).Granted; i++)
            granted += 30;

        // Nothing was reported: every grant is still in flight, and only the window's budget (2352) stopped them.
        Assert.Equal(78 * 30, granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), answer.RetryAt);
        Assert.True((await AcquireAsync("small", 12)).Granted);
    }

    [Fact]
    public async Task A_wave_asking_more_than_the_window_has_left_gets_what_is_left_in_whole_chunks()
    {
        await ConfigureAsync();
        for (var i = 0; i < 77; i++)
            Assert.True((await AcquireAsync("g" + i, 30)).Granted);

        // 2352 - 77 × 30 = 42 left: a wave of twenty 6-weight chunks gets seven of them.
        var partial = await AcquireAsync("wave", 120, 6);
        var refused = await AcquireAsync("next", 120, 6);

        Assert.True(partial.Granted);
        Assert.Equal(42, partial.Weight);
        Assert.False(refused.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), refused.RetryAt);
    }

    [Fact]
    public async Task With_another_program_on_the_ip_a_large_wave_gets_at_most_the_in_flight_cap()
    {
        await ConfigureAsync();
        await AcquireAsync("seen", 2);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("seen", 0, [new ExchangeFeedback(UsedWeight: 102, UsedWeightAt: Start)]));
        await AcquireAsync("a", 12);

        var wave = await AcquireAsync("wave", 120, 6);

        Assert.True(wave.Granted);
        Assert.Equal(18, wave.Weight);
    }

    [Fact]
    public async Task Alone_a_header_that_counts_newer_grants_requests_is_not_taken_for_another_program()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 30);
        await AcquireAsync("b", 30);
        await AcquireAsync("c", 30);

        // a's first request came back after b and c had sent theirs: 2 of a's + 60 of theirs, nothing foreign.
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(UsedWeight: 62, UsedWeightAt: Start)]));

        Assert.Equal(0, Budget().Windows.Single().Foreign);
        Assert.True((await AcquireAsync("d", 120, 6)).Weight > 30);
    }

    [Fact]
    public async Task Alone_a_header_beyond_every_open_grant_shows_another_program()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 30);
        await AcquireAsync("b", 30);

        // 160 counted while we can account for at most 60: another program spent at least 100.
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(UsedWeight: 160, UsedWeightAt: Start)]));

        Assert.Equal(130, Budget().Windows.Single().Foreign);
        Assert.Equal(0, (await AcquireAsync("d", 120, 6)).Weight);
    }

    [Fact]
    public async Task A_least_weight_above_MaxInFlightWeight_is_refused_as_a_mistake()
    {
        await ConfigureAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => AcquireAsync("big", 120, _options.MaxInFlightWeight + 1));
    }

    [Fact]
    public async Task Unsent_weight_is_refunded_to_its_window()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 12);

        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 8, []));

        Assert.Equal(4, Budget().Windows.Single().Reserved);
    }

    [Fact]
    public async Task After_a_429_nothing_is_granted_until_the_server_window_has_turned()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 2);

        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(TooManyRequestsAt: Start)]));
        var refused = await AcquireAsync("b", 2);

        Assert.False(refused.Granted);
        Assert.True(refused.RetryAt >= new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_ban_refuses_every_grant_until_it_ends()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 2);
        var until = Start + TimeSpan.FromMinutes(10);

        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(BannedUntil: until)]));
        var refused = await AcquireAsync("b", 2);

        Assert.False(refused.Granted);
        Assert.Equal(until, refused.RetryAt);
    }

    [Fact]
    public async Task Near_the_end_of_a_window_the_grant_waits_for_the_next_one()
    {
        await ConfigureAsync();
        _time.Advance(TimeSpan.FromSeconds(49)); // 00:00:59, less than MinSendTime before the deadline

        var refused = await AcquireAsync("a", 2);

        Assert.False(refused.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), refused.RetryAt);
    }

    [Fact]
    public async Task A_used_weight_header_counts_in_the_window_like_the_clis_governor()
    {
        await ConfigureAsync();
        await AcquireAsync("a", 2);

        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(UsedWeight: 2340, UsedWeightAt: Start)]));
        var refused = await AcquireAsync("b", 20);

        Assert.False(refused.Granted);
        Assert.Equal(2340, Budget().Windows.Single().Observed);
    }

    [Fact]
    public async Task Weight_still_in_flight_counts_on_top_of_the_header_and_foreign_weight_is_left_alone()
    {
        _options.MaxInFlightWeight = 60;
        await ConfigureAsync();
        await AcquireAsync("a", 20);
        await AcquireAsync("b", 20);

        // a's header: 20 of ours and 2300 of another program's; b is still in flight.
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("a", 0, [new ExchangeFeedback(UsedWeight: 2320, UsedWeightAt: Start)]));
        var refused = await AcquireAsync("c", 20);

        // 2300 + 40 + 20 > 2352; counting max(header, ours) would have granted it.
        Assert.False(refused.Granted);
        Assert.Equal(2300, Budget().Windows.Single().Foreign);
        // Late in the window (another program is on the IP, so early on our spending is paced), once b is back and
        // nothing of ours is in flight (which would hold back more than half of the room seen): exactly what is left.
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("b", 0, []));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.False((await AcquireAsync("d", 13)).Granted);
        Assert.True((await AcquireAsync("e", 12)).Granted);
    }

    /// <summary>
    /// A trading bot already spending 60% of every minute, seen 10 s into the window (240 so far) by a young entity: its
    /// pace is projected to the window's end, so the app takes what that pace leaves, not all the header shows free.
    /// </summary>
    [Fact]
    public async Task A_young_entity_beside_a_steady_spender_takes_only_what_its_pace_leaves_of_the_window()
    {
        await ConfigureAsync();
        await AcquireAsync("seen", 2);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("seen", 0, [new ExchangeFeedback(UsedWeight: 242, UsedWeightAt: Start)]));

        _time.Advance(TimeSpan.FromSeconds(40));
        var granted = 0;
        for (var i = 0; (await AcquireAsync("w" + i, 30)) is { Granted: true } grant; i++)
        {
            // Each wave comes back without a header (none of its requests was answered): it tells nothing of the bot.
            await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("w" + i, 0, []));
            granted += grant.Weight;
        }

        // At the pace of 240 in the first sixth (less the clock's uncertainty), the bot spends 1,471 in the window:
        // 2,352 - 1,471 - our 2 leaves 879, and one probe (at most the 48 of the safety margin) goes beyond it. The
        // header alone left 2,110, and the bot would have been refused 1,000 of its 1,440.
        Assert.InRange(granted, 840, 879 + 48);
    }

    [Fact]
    public async Task The_plans_header_from_before_the_rule_was_known_counts_once_the_entity_is_configured()
    {
        // A restart inside a six-second window that an earlier run filled to 200 of 240.
        var grant = await AcquireAsync("plan", 1);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("plan", 0,
            [new ExchangeFeedback(UsedWeight: 200, UsedWeightAt: Start, UsedWeightWindow: TimeSpan.FromSeconds(6))]));
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(240, TimeSpan.FromSeconds(6)), TimeSpan.Zero));

        Assert.True(grant.Granted);
        // The header as the server counts it: the plan's own request in it is the one the budget carries as ours.
        Assert.Equal(200, Budget().Windows.Single().Observed);
        Assert.False((await AcquireAsync("wave", 30)).Granted);
    }

    [Fact]
    public async Task The_plans_own_weight_read_before_the_rule_was_known_is_not_taken_for_another_program()
    {
        // A fresh entity: exchangeInfo and two clock samples (3) under the bootstrap rule, their header shows just them.
        await AcquireAsync("plan", 3);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("plan", 0,
            [new ExchangeFeedback(UsedWeight: 3, UsedWeightAt: Start, UsedWeightWindow: TimeSpan.FromSeconds(5))]));
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(600, TimeSpan.FromSeconds(5)), TimeSpan.Zero));

        var first = await AcquireAsync("a", 120, 16);
        var second = await AcquireAsync("b", 120, 16);

        Assert.All(Budget().Windows, w => Assert.Equal(0, w.Foreign));
        // Alone on the IP: no in-flight cap, both waves open at once with more than MaxInFlightWeight between them.
        Assert.Equal([120, 120], new[] { first.Weight, second.Weight });
        Assert.True(first.Weight + second.Weight > _options.MaxInFlightWeight);
    }

    [Fact]
    public async Task A_header_from_before_the_rule_was_known_still_shows_another_programs_weight_beyond_the_plans()
    {
        await AcquireAsync("plan", 3);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("plan", 0,
            [new ExchangeFeedback(UsedWeight: 103, UsedWeightAt: Start, UsedWeightWindow: TimeSpan.FromSeconds(5))]));
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(600, TimeSpan.FromSeconds(5)), TimeSpan.Zero));

        var wave = await AcquireAsync("a", 120, 10);

        Assert.Equal(100, Budget().Windows.Single(w => w.Observed > 0).Foreign);
        // Another program shows, so the wave gets at most the in-flight cap.
        Assert.Equal(_options.MaxInFlightWeight, wave.Weight);
    }

    [Fact]
    public async Task A_least_weight_no_window_can_hold_is_refused_as_a_mistake_rather_than_deferred_for_ever()
    {
        _options.Budget.MaxWeightShare = 0.1;
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(100, TimeSpan.FromMinutes(1)), TimeSpan.Zero));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => AcquireAsync("chunk", 16, 16));
        Assert.Contains("usable budget (10)", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxWeightShare_caps_what_the_app_takes_of_each_window()
    {
        _options.Budget.MaxWeightShare = 0.5;
        _options.MaxInFlightWeight = 1000;
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(100, TimeSpan.FromMinutes(1)), TimeSpan.Zero));

        var granted = 0;
        // Each wave comes back before the next asks, so the in-flight cap (half the room seen) does not bind.
        for (var i = 0; (await AcquireAsync("g" + i, 10)).Granted; i++)
        {
            await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("g" + i, 0, []));
            granted += 10;
        }

        Assert.Equal(50, granted);
    }

    [Fact]
    public async Task Near_the_end_of_a_window_an_ask_that_can_wait_is_granted_in_the_next_window()
    {
        await ConfigureAsync();
        _time.Advance(TimeSpan.FromSeconds(49)); // 00:00:59

        var grant = await AcquireAsync("a", 120, 2, canWait: true);

        Assert.True(grant.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), grant.SendFrom);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 59, 750, TimeSpan.Zero), grant.SendBy);
        // Charged to the next window alone.
        Assert.Equal(120, Budget().Windows.Single().Reserved);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 60, Budget().Windows.Single().Index);
    }

    [Fact]
    public async Task Grants_in_the_next_window_never_add_up_to_more_than_its_budget()
    {
        _options.MaxInFlightWeight = 1000;
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(100, TimeSpan.FromMinutes(1)), TimeSpan.Zero));
        var now = await AcquireAsync("now", 98, 2, canWait: true);
        _time.Advance(TimeSpan.FromSeconds(49)); // 00:00:59

        var ahead = new List<WeightGrant>();
        for (var i = 0; i < 10; i++)
            ahead.Add(await AcquireAsync("next" + i, 30, 2, canWait: true));

        Assert.Null(now.SendFrom);
        Assert.Equal(98, ahead.Where(g => g.Granted).Sum(g => g.Weight));
        Assert.All(ahead.Where(g => g.Granted), g => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), g.SendFrom));
        Assert.False(ahead[^1].Granted);
    }

    [Fact]
    public async Task An_ask_that_can_wait_for_a_full_window_comes_back_when_the_next_one_can_be_reserved()
    {
        _options.MaxInFlightWeight = 1000;
        await RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(100, TimeSpan.FromMinutes(1)), TimeSpan.Zero));
        await AcquireAsync("all", 98);

        var waiting = await AcquireAsync("b", 10, canWait: true);
        var plain = await AcquireAsync("c", 10);

        Assert.False(waiting.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 58, TimeSpan.Zero), waiting.RetryAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), plain.RetryAt);
    }

    [Fact]
    public async Task With_another_program_on_the_ip_nothing_is_granted_in_the_next_window()
    {
        await ConfigureAsync();
        await AcquireAsync("seen", 2);
        await RunAsync(nameof(WeightBudgetEntity.Report), new WeightReport("seen", 0, [new ExchangeFeedback(UsedWeight: 102, UsedWeightAt: Start)]));
        _time.Advance(TimeSpan.FromSeconds(49)); // 00:00:59

        var refused = await AcquireAsync("a", 20, canWait: true);

        Assert.False(refused.Granted);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 1, 0, 250, TimeSpan.Zero), refused.RetryAt);
    }

    private Task ConfigureAsync() =>
        RunAsync(nameof(WeightBudgetEntity.Configure), new BudgetConfiguration(new RateLimitRule(2400, TimeSpan.FromMinutes(1)), TimeSpan.Zero));

    private async Task<WeightGrant> AcquireAsync(string id, int weight, int? least = null, bool canWait = false) =>
        ((JsonElement)(await RunAsync(nameof(WeightBudgetEntity.Acquire), new GrantRequest(id, weight, least, canWait)))!).Deserialize<WeightGrant>(FakeJson.Options)!;

    private async Task<object?> RunAsync(string operation, object input)
    {
        var entity = new WeightBudgetEntity(_time, _options);
        var result = await entity.RunAsync(new FakeEntityOperation(operation, JsonSerializer.Serialize(input, input.GetType(), FakeJson.Options), _state, WeightBudgetEntity.Id));
        return result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), FakeJson.Options);
    }

    private WeightBudgetState Budget() => JsonSerializer.Deserialize<WeightBudgetEntityState>(_state.Json!, FakeJson.Options)!.Budget;
}
