using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Parquet;

namespace CandleFunctions.Storage.Tests.Parquet;

/// <summary>A local month store whose month writes wait until the test opens the gate, or fail when it says so.</summary>
internal sealed class GatedMonthStore(LocalParquetMonthStore inner) : IParquetMonthStore
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, a month write fails with this once the gate opens.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Completes when a month write has started and is waiting at the gate.</summary>
    public Task WriteStarted => _entered.Task;

    public string Location => inner.Location;

    public void Open() => _open.TrySetResult();

    public Task<IReadOnlyList<DateOnly>> ListMonthsAsync(string symbol, CancellationToken cancellationToken) =>
        inner.ListMonthsAsync(symbol, cancellationToken);

    public Task<IReadOnlyList<Candle>> ReadMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken) =>
        inner.ReadMonthAsync(symbol, month, cancellationToken);

    public Task<MonthSummary> SummarizeMonthAsync(string symbol, DateOnly month, CancellationToken cancellationToken) =>
        inner.SummarizeMonthAsync(symbol, month, cancellationToken);

    public async Task WriteMonthAsync(string symbol, DateOnly month, IReadOnlyList<Candle> rows, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        if (Failure is { } failure)
            throw failure;
        await inner.WriteMonthAsync(symbol, month, rows, cancellationToken);
    }

    public Task<CoverageSet?> ReadLedgerAsync(string symbol, CancellationToken cancellationToken) =>
        inner.ReadLedgerAsync(symbol, cancellationToken);

    public Task WriteLedgerAsync(string symbol, CoverageSet covered, CancellationToken cancellationToken) =>
        inner.WriteLedgerAsync(symbol, covered, cancellationToken);
}
