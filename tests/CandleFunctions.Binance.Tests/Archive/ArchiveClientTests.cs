using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Coverage;
using static CandleFunctions.Binance.Tests.Archive.CandleAssert;
using static CandleFunctions.Binance.Tests.Archive.Utc;

namespace CandleFunctions.Binance.Tests.Archive;

[Collection(ArchiveSimulatorCollection.Name)]
public class ArchiveClientTests(ArchiveSimulatorFixture fixture)
{
    private static readonly DateTimeOffset Now = ArchiveSimulatorFixture.Now;

    private async Task FetchMatchesGroundTruthAsync(ArchiveJob job)
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(job);

        Assert.Equal(ArchiveFetchStatus.Verified, result.Status);
        var candles = await ReadAllAsync(result);
        SameAs(fixture.Host.Market.ClosedTradedCandles(job.Symbol, job.Range, Now), candles, job.Symbol);
        Assert.Equal(candles.Count, result.CandleCount);
    }

    [Fact]
    public Task FetchAsync_MonthlyFileWithoutHeader_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Monthly("BTCUSDT", 2021, 1));

    [Fact]
    public Task FetchAsync_MonthlyFileWithHeader_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Monthly("ETHUSDT", 2026, 10));

    [Fact]
    public Task FetchAsync_DailyFileWithoutHeader_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Daily("XRPUSDT", Day("2021-03-05")));

    [Fact]
    public Task FetchAsync_DailyFileWithHeader_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Daily("DOGEUSDT", Day("2026-11-20")));

    [Fact]
    public Task FetchAsync_MicrosecondFile_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Daily("XRPUSDT", Day("2026-10-07")));

    [Fact]
    public Task FetchAsync_DelistedSymbolGoneFromExchangeInfo_EqualsGroundTruth() =>
        FetchMatchesGroundTruthAsync(ArchiveJob.Daily("FTTUSDT", Day("2022-11-14")));

    [Fact]
    public async Task FetchAsync_MissingDay_IsNotFound()
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2022-04-17")));

        Assert.Equal(ArchiveFetchStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task FetchAsync_DayNotYetPublished_IsNotFound()
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-12-09")));

        Assert.Equal(ArchiveFetchStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task FetchAsync_MonthlyFileMissingADay_ReportsThatDayAsWithoutCandles()
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(ArchiveJob.Monthly("BTCUSDT", 2022, 4));

        Assert.Equal(ArchiveFetchStatus.Verified, result.Status);
        Assert.Equal(CoverageSet.Of(Range("2022-04-17", "2022-04-18")), result.DaysWithoutCandles);
    }

    [Fact]
    public async Task FetchAsync_ChecksumMismatch_IsRetriedOnceThenFailed()
    {
        using var client = fixture.Client();
        var requestsBefore = fixture.Host.ArchiveCounters.Requests;

        await using var result = await client.FetchAsync(ArchiveJob.Daily("ETHUSDT", Day("2026-10-05")));

        Assert.Equal(ArchiveFetchStatus.Failed, result.Status);
        Assert.Contains("SHA-256", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(4, fixture.Host.ArchiveCounters.Requests - requestsBefore);
    }

    [Fact]
    public async Task FetchAsync_TruncatedZip_IsFailed()
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(ArchiveJob.Daily("SOLUSDT", Day("2026-10-06")));

        Assert.Equal(ArchiveFetchStatus.Failed, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task FetchAsync_FailedResult_HasNoCandlesToRead()
    {
        using var client = fixture.Client();

        await using var result = await client.FetchAsync(ArchiveJob.Daily("SOLUSDT", Day("2026-10-06")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(result));
    }

    [Fact]
    public async Task FetchAsync_TransientServerErrors_AreRetried()
    {
        using var handler = new FlakyHandler(failures: 2, dropConnection: false);
        using var http = new HttpClient(handler);
        using var client = fixture.Client(http);

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-11-02")));

        Assert.Equal(ArchiveFetchStatus.Verified, result.Status);
        Assert.Equal(4, handler.Requests);
    }

    [Fact]
    public async Task FetchAsync_DroppedConnection_IsRetried()
    {
        using var handler = new FlakyHandler(failures: 1, dropConnection: true);
        using var http = new HttpClient(handler);
        using var client = fixture.Client(http);

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-11-03")));

        Assert.Equal(ArchiveFetchStatus.Verified, result.Status);
    }

    [Fact]
    public async Task FetchAsync_TransientErrorsOutlastingTheRetries_AreFailed()
    {
        using var handler = new FlakyHandler(failures: 100, dropConnection: false);
        using var http = new HttpClient(handler);
        using var client = fixture.Client(http);

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-11-04")));

        Assert.Equal(ArchiveFetchStatus.Failed, result.Status);
        Assert.StartsWith($"gave up after {fixture.ClientOptions().TransientRetries} retries", result.FailureReason, StringComparison.Ordinal);
        // The checksum and the zip are requested together, each with its own retries; the first to give up ends both.
        var attempts = 1 + fixture.ClientOptions().TransientRetries;
        Assert.InRange(handler.Requests, attempts, 2 * attempts);
    }

    [Fact]
    public async Task FetchAsync_ABodyThatStallsIsCutByTheAttemptTimeoutAndTriedAgain()
    {
        // A proxy holds the first zip body open after a few bytes: the attempt times out, and the retry succeeds.
        using var handler = new StallingHandler(stalls: 1);
        using var http = new HttpClient(handler);
        var options = fixture.ClientOptions();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new ArchiveClient(http, options);

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-11-03")));

        Assert.Equal(ArchiveFetchStatus.Verified, result.Status);
        Assert.Equal(2, handler.ZipRequests);
    }

    [Fact]
    public async Task FetchAsync_BodiesThatStallOnEveryAttempt_AreFailedAsTimedOut()
    {
        using var handler = new StallingHandler(stalls: 100);
        using var http = new HttpClient(handler);
        var options = fixture.ClientOptions();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        options.TransientRetries = 2;
        using var client = new ArchiveClient(http, options);

        await using var result = await client.FetchAsync(ArchiveJob.Daily("BTCUSDT", Day("2026-11-04")));

        Assert.Equal(ArchiveFetchStatus.Failed, result.Status);
        Assert.StartsWith("gave up after 2 retries: an archive request took longer than 0.2 s", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(3, handler.ZipRequests);
    }

    [Fact]
    public async Task BytesDownloaded_CountsTheZipAndChecksumBytes()
    {
        using var client = fixture.Client();
        var jobs = new[] { ArchiveJob.Daily("ADAUSDT", Day("2026-11-05")), ArchiveJob.Monthly("ADAUSDT", 2026, 10) };
        long expected = 0;
        foreach (var job in jobs)
        {
            expected += (await fixture.Http.GetByteArrayAsync(new Uri(fixture.Host.BaseUrl, job.ZipPath))).Length;
            expected += (await fixture.Http.GetByteArrayAsync(new Uri(fixture.Host.BaseUrl, job.ChecksumPath))).Length;
        }

        foreach (var job in jobs)
            await (await client.FetchAsync(job)).DisposeAsync();

        Assert.Equal(expected, client.BytesDownloaded);
    }

    [Fact]
    public async Task Dispose_ReleasesTheParsedCandles()
    {
        using var client = fixture.Client();
        var result = await client.FetchAsync(ArchiveJob.Daily("LINKUSDT", Day("2026-11-06")));
        Assert.Equal(1440, result.Candles.Count);

        await result.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => result.Candles);
    }

    [Fact]
    public async Task ReadCandlesAsync_CanReadAVerifiedFileTwice()
    {
        using var client = fixture.Client();
        await using var result = await client.FetchAsync(ArchiveJob.Daily("NEARUSDT", Day("2026-11-07")));

        var first = await ReadAllAsync(result);
        var second = await ReadAllAsync(result);

        Assert.Equal(1440, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FetchAsync_ConcurrentJobs_AllVerify()
    {
        using var client = fixture.Client();
        var jobs = Enumerable.Range(10, 8).Select(d => ArchiveJob.Daily("SUIUSDT", new DateOnly(2026, 11, d))).ToList();

        var results = await Task.WhenAll(jobs.Select(j => client.FetchAsync(j)));
        try
        {
            Assert.All(results, r => Assert.Equal(ArchiveFetchStatus.Verified, r.Status));
            Assert.Equal(jobs, results.Select(r => r.Job));
        }
        finally
        {
            foreach (var result in results)
                await result.DisposeAsync();
        }
    }
}
