using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// The outcome of fetching one archive file. When <see cref="ArchiveFetchStatus.Verified"/> it owns the
/// verified temp zip, read lazily by <see cref="ReadCandlesAsync"/> and deleted on dispose.
/// </summary>
public sealed class ArchiveFetchResult : IAsyncDisposable, IDisposable
{
    private readonly FileStream? _file;
    private int _reading;
    private bool _disposed;

    private ArchiveFetchResult(ArchiveJob job, ArchiveFetchStatus status, string? failureReason, int attempts, FileStream? file, long candleCount, CoverageSet daysWithoutCandles)
    {
        Job = job;
        Status = status;
        FailureReason = failureReason;
        Attempts = attempts;
        _file = file;
        CandleCount = candleCount;
        DaysWithoutCandles = daysWithoutCandles;
    }

    public ArchiveJob Job { get; }

    public ArchiveFetchStatus Status { get; }

    /// <summary>Why the file could not be used, when <see cref="Status"/> is <see cref="ArchiveFetchStatus.Failed"/>.</summary>
    public string? FailureReason { get; }

    /// <summary>Whole-file attempts made: 1, or 2 after a corrupt first download.</summary>
    public int Attempts { get; }

    /// <summary>Candles in the job's range (0 unless verified).</summary>
    public long CandleCount { get; }

    /// <summary>
    /// Whole UTC days of the job's range without a single candle. The real archive has lost whole days
    /// from monthly files, so the caller should confirm these with REST before marking them covered.
    /// </summary>
    public CoverageSet DaysWithoutCandles { get; }

    internal static ArchiveFetchResult NotFound(ArchiveJob job, int attempts) =>
        new(job, ArchiveFetchStatus.NotFound, null, attempts, null, 0, CoverageSet.Empty);

    internal static ArchiveFetchResult Failed(ArchiveJob job, string reason, int attempts) =>
        new(job, ArchiveFetchStatus.Failed, reason, attempts, null, 0, CoverageSet.Empty);

    internal static ArchiveFetchResult Verified(ArchiveJob job, FileStream file, int attempts, long candleCount, CoverageSet daysWithoutCandles) =>
        new(job, ArchiveFetchStatus.Verified, null, attempts, file, candleCount, daysWithoutCandles);

    /// <summary>
    /// Streams the verified file's candles in the job's range, ascending; one reader at a time, as often as needed
    /// until the result is disposed.
    /// </summary>
    public async IAsyncEnumerable<Candle> ReadCandlesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Status != ArchiveFetchStatus.Verified || _file is null)
            throw new InvalidOperationException($"{Job} is {Status}; only a verified file has candles to read.");
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
            throw new InvalidOperationException($"{Job} is already being read; read it once at a time.");
        try
        {
            await foreach (var candle in ArchiveZipReader.ReadAsync(_file, Job, cancellationToken))
                yield return candle;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Deletes the temp file (it was opened delete-on-close).</summary>
    public void Dispose()
    {
        _disposed = true;
        _file?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return _file?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    public override string ToString() => Status == ArchiveFetchStatus.Failed ? $"{Job}: Failed ({FailureReason})" : $"{Job}: {Status}";
}
