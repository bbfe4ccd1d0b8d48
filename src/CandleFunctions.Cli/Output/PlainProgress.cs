using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Core.Candles;
using CandleFunctions.Sync;

namespace CandleFunctions.Cli.Output;

/// <summary>Line-by-line progress for logs and pipes: one line per symbol, and a heartbeat every few seconds.</summary>
public sealed class PlainProgress(TextWriter output, WeightGovernor governor, TimeSpan heartbeat) : IProgressDisplay
{
    private readonly ProgressTally _tally = new();
    private readonly Lock _write = new();

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        using var stop = new CancellationTokenSource();
        var beat = HeartbeatAsync(stop.Token);
        try
        {
            return await work();
        }
        finally
        {
            await stop.CancelAsync();
            await beat;
        }
    }

    public void RunStarted(UtcRange range, IReadOnlyList<string> symbols)
    {
        _tally.Start(range, symbols.Count);
        var rule = governor.Rule;
        Write($"Syncing {symbols.Count} symbols over {range} UTC; weight limit {rule.Limit} per {Text.Duration(rule.Window)}.");
    }

    public void SymbolPlanned(string symbol, SymbolPlan plan)
    {
        _tally.Planned(plan.Total);
        if (plan.Total > 0)
            Write($"  {symbol}: {Text.Plan(plan)}");
    }

    public void CandlesCommitted(string symbol, long candlesAdded, long minutesDone) => _tally.Committed(candlesAdded, minutesDone);

    public void SymbolFinished(SymbolReport report)
    {
        var n = _tally.Finished(report);
        Write($"[{n}/{_tally.SymbolCount}] {report.Symbol}: {Text.Outcome(report)}");
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var w = governor.Snapshot();
                Write($"  progress: {_tally.SymbolsDone}/{_tally.SymbolCount} symbols, {_tally.MinutesDone:N0}/{_tally.MinutesPlanned:N0} planned candles looked for, "
                      + $"{_tally.CandlesAdded:N0} added, weight {w.Used}/{w.Usable} in this window");
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private void Write(string line)
    {
        lock (_write)
            output.WriteLine(line);
    }
}
