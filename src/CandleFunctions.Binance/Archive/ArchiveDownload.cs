namespace CandleFunctions.Binance.Archive;

/// <summary>
/// One archive file downloaded and checked against its published SHA-256, held as its compressed bytes until
/// <see cref="Read"/> parses it (parsed rows take about 1.7 times as much); dispose gives the bytes back to the budget.
/// </summary>
public sealed class ArchiveDownload : IDisposable
{
    private ZipBytes? _zip;

    private ArchiveDownload(ArchiveJob job, ArchiveFetchStatus status, ZipBytes? zip, string? failureReason, int attempts)
    {
        Job = job;
        Status = status;
        _zip = zip;
        FailureReason = failureReason;
        Attempts = attempts;
    }

    public ArchiveJob Job { get; }

    /// <summary><see cref="ArchiveFetchStatus.Verified"/> means the zip matched its checksum; its rows are not read yet.</summary>
    public ArchiveFetchStatus Status { get; }

    /// <summary>Why the file could not be used, when <see cref="Status"/> is <see cref="ArchiveFetchStatus.Failed"/>.</summary>
    public string? FailureReason { get; }

    /// <summary>Downloads made: 1, or 2 after a first one that did not match its checksum.</summary>
    public int Attempts { get; }

    internal static ArchiveDownload Verified(ArchiveJob job, ZipBytes zip, int attempts) => new(job, ArchiveFetchStatus.Verified, zip, null, attempts);

    internal static ArchiveDownload NotFound(ArchiveJob job, int attempts) => new(job, ArchiveFetchStatus.NotFound, null, null, attempts);

    internal static ArchiveDownload Failed(ArchiveJob job, string reason, int attempts) => new(job, ArchiveFetchStatus.Failed, null, reason, attempts);

    /// <summary>
    /// Inflates and parses the verified zip once into the job's candles, as text rows (<paramref name="asText"/>, see
    /// <see cref="ArchiveClient.FetchRowsAsync"/>) or candles; a file that is not verified, or whose zip or rows are
    /// unreadable, gives a result that is not <see cref="ArchiveFetchStatus.Verified"/> (it says why).
    /// </summary>
    public ArchiveFetchResult Read(bool asText)
    {
        if (Status == ArchiveFetchStatus.NotFound)
            return ArchiveFetchResult.NotFound(Job, Attempts);
        if (Status == ArchiveFetchStatus.Failed)
            return ArchiveFetchResult.Failed(Job, FailureReason!, Attempts);
        ObjectDisposedException.ThrowIf(_zip is null, this);
        return ArchiveZipReader.TryRead(_zip, Job, Attempts, asText, out var problem) ?? ArchiveFetchResult.Failed(Job, problem, Attempts);
    }

    /// <summary>Returns the zip's bytes.</summary>
    public void Dispose()
    {
        _zip?.Dispose();
        _zip = null;
    }
}
