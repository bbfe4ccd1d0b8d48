using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// The outcome of fetching one archive file. When <see cref="ArchiveFetchStatus.Verified"/> it holds the file's
/// candles in the job's range, parsed once after the SHA-256 matched, as <see cref="Candles"/> or (when fetched as
/// text) as <see cref="Rows"/>; dispose releases them.
/// </summary>
public sealed class ArchiveFetchResult : IAsyncDisposable, IDisposable
{
    private IReadOnlyList<Candle>? _candles;
    private CandleTextRows? _rows;
    private bool _disposed;

    private ArchiveFetchResult(
        ArchiveJob job, ArchiveFetchStatus status, string? failureReason, int attempts, IReadOnlyList<Candle>? candles, CandleTextRows? rows, CoverageSet daysWithoutCandles)
    {
        Job = job;
        Status = status;
        FailureReason = failureReason;
        Attempts = attempts;
        _candles = candles;
        _rows = rows;
        CandleCount = candles?.Count ?? rows?.Count ?? 0;
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
        new(job, ArchiveFetchStatus.NotFound, null, attempts, null, null, CoverageSet.Empty);

    internal static ArchiveFetchResult Failed(ArchiveJob job, string reason, int attempts) =>
        new(job, ArchiveFetchStatus.Failed, reason, attempts, null, null, CoverageSet.Empty);

    internal static ArchiveFetchResult Verified(ArchiveJob job, IReadOnlyList<Candle> candles, int attempts, CoverageSet daysWithoutCandles) =>
        new(job, ArchiveFetchStatus.Verified, null, attempts, candles, null, daysWithoutCandles);

    internal static ArchiveFetchResult Verified(ArchiveJob job, CandleTextRows rows, int attempts, CoverageSet daysWithoutCandles) =>
        new(job, ArchiveFetchStatus.Verified, null, attempts, null, rows, daysWithoutCandles);

    /// <summary>True when the verified file's candles are held as <see cref="Rows"/> (fetched as text).</summary>
    public bool HasRows => _rows is not null;

    /// <summary>The verified file's candles in the job's range as text, ascending (see <see cref="ArchiveClient.FetchRowsAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The file was not verified, or was fetched as candles.</exception>
    public CandleTextRows Rows
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Status == ArchiveFetchStatus.Verified && _rows is not null
                ? _rows
                : throw new InvalidOperationException($"{Job} is {Status}{(_candles is null ? "" : ", fetched as candles")}; only a file verified as text has rows to read.");
        }
    }

    /// <summary>The verified file's candles in the job's range, ascending.</summary>
    /// <exception cref="InvalidOperationException">The file was not verified.</exception>
    public IReadOnlyList<Candle> Candles
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Status == ArchiveFetchStatus.Verified && _candles is not null
                ? _candles
                : throw new InvalidOperationException($"{Job} is {Status}{(_rows is null ? "" : ", fetched as text")}; only a file verified as candles has candles to read.");
        }
    }

    /// <summary>Streams <see cref="Candles"/>; as often as needed until the result is disposed.</summary>
    public async IAsyncEnumerable<Candle> ReadCandlesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var candles = Candles;
        await Task.CompletedTask;
        for (var i = 0; i < candles.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return candles[i];
        }
    }

    /// <summary>Lets go of the candles.</summary>
    public void Dispose()
    {
        _disposed = true;
        _candles = null;
        _rows?.Dispose();
        _rows = null;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Status == ArchiveFetchStatus.Failed ? $"{Job}: Failed ({FailureReason})" : $"{Job}: {Status}";
}
