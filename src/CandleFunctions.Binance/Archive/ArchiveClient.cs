using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Downloads archive zips into memory while hashing them, checks each against its published SHA-256 before a byte
/// is used, then inflates and parses it once, handing back only files whose every row was read; thread-safe,
/// with a bound on concurrent downloads (parsing happens outside it) and, for downloads held for a writer
/// (<see cref="DownloadAsync"/>), on the bytes they hold (<see cref="Memory"/>).
/// </summary>
public sealed class ArchiveClient : IDisposable
{
    private const int CorruptAttempts = 2;
    private const int MaxChecksumBytes = 4096;
    private const int MaxPresizeBytes = 64 << 20;
    private const int ReadBufferBytes = 1 << 16;

    private readonly HttpClient _http;
    private readonly ArchiveOptions _options;
    private readonly ArchiveResilience _resilience;
    private readonly SemaphoreSlim _gate;
    private readonly ILogger _logger;
    private long _bytes;

    public ArchiveClient(HttpClient http, ArchiveOptions options, TimeProvider? time = null, ILogger<ArchiveClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _resilience = new ArchiveResilience(options, time ?? TimeProvider.System);
        _gate = new SemaphoreSlim(options.MaxConcurrentDownloads, options.MaxConcurrentDownloads);
        Memory = new ArchiveMemoryBudget(options.MaxBytesAhead);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Months of one symbol's candles a caller working on <paramref name="symbolsAtOnce"/> symbols should keep in flight
    /// ahead of what it writes: the symbol's share of <see cref="ArchiveOptions.MaxConcurrentDownloads"/> plus the file
    /// being written, at least <see cref="ArchiveOptions.MonthsAheadPerSymbol"/>.
    /// </summary>
    public int MonthsAheadPerSymbol(int symbolsAtOnce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbolsAtOnce, 1);
        var share = (_options.MaxConcurrentDownloads + symbolsAtOnce - 1) / symbolsAtOnce + 1;
        return Math.Max(_options.MonthsAheadPerSymbol, share);
    }

    /// <summary>The bound on zip bytes held ahead of their writers (<see cref="ArchiveOptions.MaxBytesAhead"/>), with its counters.</summary>
    public ArchiveMemoryBudget Memory { get; }

    /// <summary>Response body bytes received from the archive so far (zips and checksums, failed attempts included).</summary>
    public long BytesDownloaded => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Fetches and verifies <paramref name="job"/>'s file; a corrupt download is retried once, and anything but
    /// <see cref="ArchiveFetchStatus.Verified"/> means the caller fetches the range from REST instead.
    /// </summary>
    public Task<ArchiveFetchResult> FetchAsync(ArchiveJob job, CancellationToken cancellationToken = default) =>
        FetchAsync(job, asText: false, cancellationToken);

    /// <summary>
    /// As <see cref="FetchAsync(ArchiveJob, CancellationToken)"/>, but a verified file's candles come as
    /// <see cref="ArchiveFetchResult.Rows"/>: validated alike, carried as text for a store that writes text (no
    /// <see cref="Candle"/>, no <see cref="KlineExtras"/> and no decimal parse per row).
    /// </summary>
    public Task<ArchiveFetchResult> FetchRowsAsync(ArchiveJob job, CancellationToken cancellationToken = default) =>
        FetchAsync(job, asText: true, cancellationToken);

    /// <summary>
    /// Fetches again a file its writer is waiting for (it verified but did not read), as rows when
    /// <paramref name="asText"/>. It does not wait for a download slot: every slot may be held by a file ahead of
    /// that writer, waiting for memory only the writer's next commit frees. At most one such download per writer.
    /// </summary>
    public Task<ArchiveFetchResult> FetchAgainAsync(ArchiveJob job, bool asText, CancellationToken cancellationToken = default) =>
        FetchAsync(job, asText, takeSlot: false, cancellationToken);

    /// <summary>
    /// Downloads and verifies <paramref name="job"/>'s zip without reading it, charging its bytes to
    /// <paramref name="hold"/> (a download ahead of its writer waits while <see cref="Memory"/> is spent); a download
    /// that does not match its checksum is retried once. Read the rows with <see cref="ArchiveDownload.Read"/>.
    /// </summary>
    public Task<ArchiveDownload> DownloadAsync(ArchiveJob job, ArchiveHold hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(hold);
        return WithRetriesAsync(
            job,
            hold,
            takeSlot: true,
            (zip, attempt) => (zip is null ? ArchiveDownload.NotFound(job, attempt) : ArchiveDownload.Verified(job, zip, attempt), ""),
            ArchiveDownload.Failed,
            cancellationToken);
    }

    private Task<ArchiveFetchResult> FetchAsync(ArchiveJob job, bool asText, CancellationToken cancellationToken) =>
        FetchAsync(job, asText, takeSlot: true, cancellationToken);

    private Task<ArchiveFetchResult> FetchAsync(ArchiveJob job, bool asText, bool takeSlot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WithRetriesAsync(
            job,
            hold: null,
            takeSlot,
            (zip, attempt) =>
            {
                if (zip is null)
                    return (ArchiveFetchResult.NotFound(job, attempt), "");
                using (zip)
                {
                    var result = ArchiveZipReader.TryRead(zip, job, attempt, asText, out var problem);
                    if (result is not null)
                        ArchiveLog.Verified(_logger, job, result.CandleCount);
                    return (result, problem);
                }
            },
            ArchiveFetchResult.Failed,
            cancellationToken);
    }

    /// <summary>
    /// Whole-file attempts: <paramref name="settle"/> takes the verified zip (null when not published) and returns the
    /// result, or why the file is corrupt (then it is downloaded once more). With <paramref name="takeSlot"/>, one of
    /// the client's download slots is held for all the attempts: a second attempt that queued again could wait
    /// behind files that wait for this one's writer.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(
        ArchiveJob job, ArchiveHold? hold, bool takeSlot, Func<ZipBytes?, int, (T? Result, string CorruptReason)> settle, Func<ArchiveJob, string, int, T> failed,
        CancellationToken cancellationToken)
        where T : class
    {
        if (takeSlot)
            await _gate.WaitAsync(cancellationToken);
        try
        {
            var reason = "";
            for (var attempt = 1; attempt <= CorruptAttempts; attempt++)
            {
                if (attempt > 1)
                    ArchiveLog.RetryingCorrupt(_logger, job, reason);
                var (zip, problem) = await DownloadPairAsync(job, hold, cancellationToken);
                if (problem is not null)
                {
                    reason = problem;
                    continue;
                }
                (T? result, reason) = settle(zip, attempt);
                if (result is not null)
                    return result;
            }
            ArchiveLog.Failed(_logger, job, reason);
            return failed(job, $"{reason} (also on a second download)", CorruptAttempts);
        }
        catch (Exception ex) when (ex is ArchiveHttpException || ArchiveResilience.IsTransient(ex, cancellationToken))
        {
            var reason = ex is ArchiveHttpException { IsTransient: false } ? ex.Message : $"gave up after {_options.TransientRetries} retries: {ex.Message}";
            ArchiveLog.Failed(_logger, job, reason);
            return failed(job, reason, 1);
        }
        finally
        {
            if (takeSlot)
                _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// The checksum and the zip, requested together (one round trip per file over a distant link): the zip's bytes
    /// when its SHA-256 matches, null when either is not published, or why the pair is unusable.
    /// </summary>
    private async Task<(ZipBytes? Zip, string? Problem)> DownloadPairAsync(ArchiveJob job, ArchiveHold? hold, CancellationToken cancellationToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var zipTask = _resilience.ExecuteAsync(token => DownloadZipAsync(job, hold, token), both.Token);
        string? checksumText;
        try
        {
            checksumText = await _resilience.ExecuteAsync(token => GetChecksumAsync(job, token), cancellationToken);
        }
        catch
        {
            await AbandonAsync(both, zipTask);
            throw;
        }
        if (checksumText is null)
        {
            await AbandonAsync(both, zipTask);
            return (null, null);
        }
        if (ArchiveChecksum.TryParse(checksumText, job.FileName, out var checksumProblem) is not { } expected)
        {
            await AbandonAsync(both, zipTask);
            return (null, checksumProblem);
        }
        if (await zipTask is not { } downloaded)
            return (null, null);
        if (downloaded.Hash != expected)
        {
            downloaded.Zip.Dispose();
            return (null, $"SHA-256 of {job.FileName} is {downloaded.Hash} but its checksum file says {expected}");
        }
        return (downloaded.Zip, null);
    }

    /// <summary>Stops the zip request that is no longer wanted and drops whatever it brought.</summary>
    private static async Task AbandonAsync(CancellationTokenSource both, Task<(ZipBytes Zip, string Hash)?> zipTask)
    {
        await both.CancelAsync();
        try
        {
            if (await zipTask is { } unused)
                unused.Zip.Dispose();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or ArchiveHttpException or IOException
            || ArchiveResilience.IsTransient(e, CancellationToken.None))
        {
            // The other request decides the outcome.
        }
    }

    private async Task<string?> GetChecksumAsync(ArchiveJob job, CancellationToken cancellationToken)
    {
        var url = new Uri(_options.BaseUrl, job.ChecksumUrlPath);
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess(response, url);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Interlocked.Add(ref _bytes, bytes.Length);
        // A real checksum file is ~100 bytes; anything large is not one.
        return bytes.Length > MaxChecksumBytes ? "" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Streams the zip into a pooled buffer while hashing it; null when it is not published.</summary>
    private async Task<(ZipBytes Zip, string Hash)?> DownloadZipAsync(ArchiveJob job, ArchiveHold? hold, CancellationToken cancellationToken)
    {
        // Each transient retry starts over with a fresh buffer.
        var url = new Uri(_options.BaseUrl, job.ZipUrlPath);
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess(response, url);
        var length = response.Content.Headers.ContentLength is { } l and > 0 and <= MaxPresizeBytes ? (int)l : 0;
        // Ahead of its writer, a download waits here (its request sent, under the download gate) until the budget has
        // room. No deadlock: the gate admits downloads in the order they were asked for, and each symbol asks in file
        // order, so the file a writer waits for was admitted before any later file of its symbol, and it is promoted
        // (never waits); once written, the next file is promoted in turn.
        var zip = await ZipBytes.CreateAsync(length, hold, cancellationToken);
        // 64 KB: the shared pool's next size up (128 KB) is a large-object array, allocated anew after each full collection.
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (!zip.Fits(read))
                    await zip.GrowAsync(read, cancellationToken);
                zip.Append(buffer.AsSpan(0, read));
                Interlocked.Add(ref _bytes, read);
            }
            return (zip, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whole UTC days of <paramref name="range"/> without a single candle (open times ascend).</summary>
    internal static CoverageSet EmptyDays(Func<int, long> openTimeMs, int count, UtcRange range)
    {
        var empty = new List<UtcRange>();
        var next = 0;
        for (var day = ArchiveDates.DayOf(range.Start); ArchiveDates.StartOf(day) < range.End; day = day.AddDays(1))
        {
            var whole = new UtcRange(ArchiveDates.StartOf(day), ArchiveDates.StartOf(day.AddDays(1)));
            var startMs = whole.Start.ToUnixTimeMilliseconds();
            while (next < count && openTimeMs(next) < startMs)
                next++;
            var hasCandle = next < count && openTimeMs(next) < whole.End.ToUnixTimeMilliseconds();
            if (range.Intersect(whole) == whole && !hasCandle)
                empty.Add(whole);
        }
        return CoverageSet.Of(empty);
    }

    private static void EnsureSuccess(HttpResponseMessage response, Uri url)
    {
        if (!response.IsSuccessStatusCode)
            throw new ArchiveHttpException(response.StatusCode, url);
    }
}
