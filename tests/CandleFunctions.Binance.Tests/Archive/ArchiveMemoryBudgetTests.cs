using CandleFunctions.Binance.Archive;

namespace CandleFunctions.Binance.Tests.Archive;

public sealed class ArchiveMemoryBudgetTests
{
    [Fact]
    public async Task A_file_ahead_waits_until_bytes_are_given_back()
    {
        var budget = new ArchiveMemoryBudget(100);
        var first = budget.NewHold();
        var second = budget.NewHold();
        await first.ChargeAsync(80);

        var waiting = second.ChargeAsync(30);

        Assert.False(waiting.IsCompleted);
        first.Release(80);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(30, budget.BytesAhead);
        Assert.Equal(80, budget.PeakBytesAhead);
    }

    [Fact]
    public async Task A_file_promoted_to_being_written_stops_waiting_and_counts_outside_the_bound()
    {
        var budget = new ArchiveMemoryBudget(100);
        var ahead = budget.NewHold();
        var next = budget.NewHold();
        await ahead.ChargeAsync(100);
        var waiting = next.ChargeAsync(60);

        next.Promote();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(100, budget.BytesAhead);
        Assert.Equal(160, budget.BytesHeld);
        Assert.Equal(100, budget.PeakBytesAhead);
    }

    [Fact]
    public async Task Promoting_a_file_frees_its_bytes_for_files_still_ahead()
    {
        var budget = new ArchiveMemoryBudget(100);
        var head = budget.NewHold();
        var later = budget.NewHold();
        await head.ChargeAsync(90);
        var waiting = later.ChargeAsync(50);

        head.Promote();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(50, budget.BytesAhead);
        Assert.Equal(140, budget.BytesHeld);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_nothing()
    {
        var budget = new ArchiveMemoryBudget(10);
        await budget.NewHold().ChargeAsync(10);
        using var stop = new CancellationTokenSource();
        var waiting = budget.NewHold().ChargeAsync(5, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(10, budget.BytesHeld);
    }
}
