using System.Collections.Concurrent;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Core.Candles;
using CandleFunctions.Sync;
using Spectre.Console;

namespace CandleFunctions.Cli.Output;

/// <summary>Live terminal progress: an overall bar with the weight budget in use, and a bar per active symbol.</summary>
public sealed class LiveProgress(IAnsiConsole console, WeightGovernor governor) : IProgressDisplay
{
    private readonly ProgressTally _tally = new();
    private readonly ConcurrentDictionary<string, ProgressTask> _symbols = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ProgressContext? _context;
    private ProgressTask? _overall;

    public Task<T> RunAsync<T>(Func<Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                lock (_gate)
                {
                    _context = context;
                    _overall = context.AddTask("starting", maxValue: 1);
                }
                using var stop = new CancellationTokenSource();
                var refresher = RefreshAsync(stop.Token);
                try
                {
                    return await work();
                }
                finally
                {
                    await stop.CancelAsync();
                    await refresher;
                    UpdateOverall();
                    _overall?.StopTask();
                }
            });

    public void RunStarted(UtcRange range, IReadOnlyList<string> symbols) => _tally.Start(range, symbols.Count);

    public void SymbolPlanned(string symbol, SymbolPlan plan)
    {
        _tally.Planned(plan.Total);
        lock (_gate)
        {
            if (_context is null || plan.Total == 0)
                return;
            _symbols[symbol] = _context.AddTask(Markup.Escape($"{symbol}: {Text.Split(plan)}"), maxValue: plan.Total);
        }
    }

    public void CandlesCommitted(string symbol, long candlesAdded, long minutesDone)
    {
        _tally.Committed(candlesAdded, minutesDone);
        if (_symbols.TryGetValue(symbol, out var task))
            task.Increment(minutesDone);
    }

    public void SymbolFinished(SymbolReport report)
    {
        _tally.Finished(report);
        if (_symbols.TryRemove(report.Symbol, out var task))
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
        if (report.Outcome is SymbolOutcome.Failed or SymbolOutcome.Unknown)
            console.MarkupLine($"[red]{Markup.Escape(report.Symbol)}[/]: {Markup.Escape(Text.Outcome(report))}");
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                UpdateOverall();
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private void UpdateOverall()
    {
        if (_overall is null)
            return;
        var w = governor.Snapshot();
        // Symbols plan their work only when they start, so minutes would overstate progress: count symbols.
        _overall.MaxValue = Math.Max(1, _tally.SymbolCount);
        _overall.Value = _tally.SymbolsDone;
        _overall.Description = Markup.Escape(
            $"{_tally.SymbolsDone}/{_tally.SymbolCount} symbols, {_tally.MinutesDone:N0}/{_tally.MinutesPlanned:N0} planned candles looked for, {_tally.CandlesAdded:N0} added, weight {w.Used}/{w.Usable}");
    }
}
