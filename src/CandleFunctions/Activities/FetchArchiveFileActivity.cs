using CandleFunctions.Binance.Archive;
using CandleFunctions.Core.Candles;
using CandleFunctions.Exchange;
using CandleFunctions.Staging;
using Microsoft.Azure.Functions.Worker;

namespace CandleFunctions.Activities;

/// <summary>
/// Downloads one archive zip, verifies it against its published SHA-256 and every row (the CLI's
/// <see cref="ArchiveClient"/>), and stages the candles of the wanted range. Costs no API weight, so no grant.
/// Not found or corrupt: the summary says so and the orchestrator leaves the range to REST.
/// </summary>
public sealed class FetchArchiveFileActivity(ArchiveAccess archive, IChunkStaging staging)
{
    /// <summary>The activity's function name.</summary>
    public const string Name = "FetchArchiveFile";

    /// <summary>The function.</summary>
    [Function(Name)]
    public Task<ArchiveFileSummary> RunAsync([ActivityTrigger] ArchiveFileWork work, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FetchAsync(work, context.CancellationToken);
    }

    /// <summary>Does the work; callable without a Functions host.</summary>
    public async Task<ArchiveFileSummary> FetchAsync(ArchiveFileWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var job = work.ToJob();
        using var client = archive.NewClient();
        await using var result = await client.FetchAsync(job, cancellationToken);
        if (result.Status != ArchiveFetchStatus.Verified)
            return new ArchiveFileSummary(job.FileName, result.Status, null, client.BytesDownloaded, result.FailureReason ?? "not in the archive");

        var candles = new List<Candle>((int)result.CandleCount);
        await foreach (var candle in result.ReadCandlesAsync(cancellationToken))
            candles.Add(candle);
        var name = StagingNames.ForArchive(work.InstanceId, work.Symbol, job.Label);
        await staging.WriteAsync(name, candles, cancellationToken);
        // The real archive has lost whole days from monthly files: unless it is the only source, REST confirms them.
        IReadOnlyList<UtcRange> unconfirmed = work.SoleSource ? [] : result.DaysWithoutCandles.Ranges.ToList();
        return new ArchiveFileSummary(job.FileName, ArchiveFetchStatus.Verified, new StagedPage(name, job.Range, candles.Count, unconfirmed), client.BytesDownloaded);
    }
}
