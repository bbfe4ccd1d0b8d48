using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CandleFunctions.Binance.Archive;

/// <summary>
/// Downloads archive zips to temp files, verifies each against its published SHA-256 and every row, and
/// hands back only verified files; thread-safe, with a bound on concurrent downloads.
/// </summary>
public sealed class ArchiveClient : IDisposable
{
    private const int CorruptAttempts = 2;
    private const int MaxChecksumBytes = 4096;

    private readonly HttpClient _http;
    private readonly ArchiveOptions _options;
    private readonly ResiliencePipeline _pipeline;
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
        _pipeline = ArchiveResilience.Create(options, time ?? TimeProvider.System);
        _gate = new SemaphoreSlim(options.MaxConcurrentDownloads, options.MaxConcurrentDownloads);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Response body bytes received from the archive so far (zips and checksums, failed attempts included).</summary>
    public long BytesDownloaded => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Fetches and verifies <paramref name="job"/>'s file; a corrupt download is retried once, and anything but
    /// <see cref="ArchiveFetchStatus.Verified"/> means the caller fetches the range from REST instead.
    /// </summary>
    public async Task<ArchiveFetchResult> FetchAsync(ArchiveJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reason = "";
            for (var attempt = 1; attempt <= CorruptAttempts; attempt++)
            {
                if (attempt > 1)
                    ArchiveLog.RetryingCorrupt(_logger, job, reason);
                (ArchiveFetchResult? result, reason) = await AttemptAsync(job, attempt, cancellationToken);
                if (result is not null)
                    return result;
            }
            ArchiveLog.Failed(_logger, job, reason);
            return ArchiveFetchResult.Failed(job, $"{reason} (also on a second download)", CorruptAttempts);
        }
        catch (Exception ex) when (ex is ArchiveHttpException || ArchiveResilience.IsTransient(ex, cancellationToken))
        {
            var reason = ex is ArchiveHttpException { IsTransient: false } ? ex.Message : $"gave up after {_options.TransientRetries} retries: {ex.Message}";
            ArchiveLog.Failed(_logger, job, reason);
            return ArchiveFetchResult.Failed(job, reason, 1);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>One whole-file attempt: a result when settled (not found, verified), else why the file was corrupt.</summary>
    private async Task<(ArchiveFetchResult? Result, string CorruptReason)> AttemptAsync(ArchiveJob job, int attempt, CancellationToken cancellationToken)
    {
        var checksumText = await _pipeline.ExecuteAsync(async token => await GetChecksumAsync(job, token), cancellationToken);
        if (checksumText is null)
            return (ArchiveFetchResult.NotFound(job, attempt), "");
        if (ArchiveChecksum.TryParse(checksumText, job.FileName, out var checksumProblem) is not { } expected)
            return (null, checksumProblem);

        var file = CreateTempFile();
        var handedOver = false;
        try
        {
            var actual = await _pipeline.ExecuteAsync(async token => await DownloadZipAsync(job, file, token), cancellationToken);
            if (actual is null)
                return (ArchiveFetchResult.NotFound(job, attempt), "");
            if (actual != expected)
                return (null, $"SHA-256 of {job.FileName} is {actual} but its checksum file says {expected}");
            var (count, emptyDays) = await ScanAsync(file, job, cancellationToken);
            ArchiveLog.Verified(_logger, job, count);
            handedOver = true;
            return (ArchiveFetchResult.Verified(job, file, attempt, count, emptyDays), "");
        }
        catch (Exception ex) when (ex is ArchiveFormatException or InvalidDataException)
        {
            return (null, $"{job.FileName} is corrupt: {ex.Message}");
        }
        finally
        {
            if (!handedOver)
                await file.DisposeAsync();
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

    /// <summary>Streams the zip into <paramref name="file"/> while hashing it; null when it is not published.</summary>
    private async Task<string?> DownloadZipAsync(ArchiveJob job, FileStream file, CancellationToken cancellationToken)
    {
        // Each transient retry starts the file over.
        file.SetLength(0);
        var url = new Uri(_options.BaseUrl, job.ZipUrlPath);
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        EnsureSuccess(response, url);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                Interlocked.Add(ref _bytes, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await file.FlushAsync(cancellationToken);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads every row once so that a verified file cannot fail later, noting the days that have no candle.</summary>
    private static async Task<(long Count, CoverageSet EmptyDays)> ScanAsync(FileStream file, ArchiveJob job, CancellationToken cancellationToken)
    {
        long count = 0;
        var daysWithCandles = new List<UtcRange>();
        DateOnly? lastDay = null;
        await foreach (var candle in ArchiveZipReader.ReadAsync(file, job, cancellationToken))
        {
            count++;
            var day = ArchiveDates.DayOf(candle.Timestamp);
            if (day != lastDay)
            {
                daysWithCandles.Add(new UtcRange(ArchiveDates.StartOf(day), ArchiveDates.StartOf(day.AddDays(1))));
                lastDay = day;
            }
        }
        var empty = new List<UtcRange>();
        var firstDay = ArchiveDates.DayOf(job.Range.Start);
        for (var day = firstDay; ArchiveDates.StartOf(day) < job.Range.End; day = day.AddDays(1))
        {
            var whole = new UtcRange(ArchiveDates.StartOf(day), ArchiveDates.StartOf(day.AddDays(1)));
            if (job.Range.Intersect(whole) == whole && !daysWithCandles.Contains(whole))
                empty.Add(whole);
        }
        return (count, CoverageSet.Of(empty));
    }

    private FileStream CreateTempFile()
    {
        Directory.CreateDirectory(_options.TempDirectory);
        var path = Path.Combine(_options.TempDirectory, $"candles-archive-{Guid.NewGuid():N}.zip");
        // Delete-on-close: a verified file lives exactly as long as the result that owns it.
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    private static void EnsureSuccess(HttpResponseMessage response, Uri url)
    {
        if (!response.IsSuccessStatusCode)
            throw new ArchiveHttpException(response.StatusCode, url);
    }
}
