using System.Diagnostics;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Candles;
using CandleFunctions.Storage;

namespace CandleFunctions.Sync;

/// <summary>
/// Runs a sync: exchangeInfo once, then each symbol (bounded concurrency) through <see cref="SymbolSync"/>.
/// An IP ban stops every symbol at once; Ctrl+C likewise. Whatever was committed stays.
/// </summary>
public sealed class SyncEngine(
    BinanceFuturesClient client,
    WeightGovernor governor,
    ICandleStore store,
    SyncOptions options,
    ISyncProgress progress,
    ArchiveSource? archive = null,
    IReadOnlyList<TimeZoneInfo>? zones = null)
{
    public async Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var startedBan = governor.BannedUntil;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        DateTimeOffset? bannedUntil = null;
        var reports = new SymbolReport?[request.Symbols.Count];
        UtcRange? range = null;
        try
        {
            var info = await client.GetExchangeInfoAsync(stop.Token);
            await client.RefineServerClockAsync(options.ClockSamples, stop.Token);
            range = ResolveRange(request, governor.ServerNow());
            progress.RunStarted(range.Value, request.Symbols);

            var requests = new SemaphoreSlim(options.MaxConcurrentRequests);
            var symbolSync = new SymbolSync(client, store, requests, options, governor, progress, archive, zones ?? []);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, request.Symbols.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentSymbols, CancellationToken = stop.Token },
                async (i, token) =>
                {
                    try
                    {
                        var symbol = request.Symbols[i];
                        reports[i] = RangeOf(request, symbol, range.Value) is { } requested
                            ? await symbolSync.RunAsync(symbol, info, requested, token)
                            : new SymbolReport(symbol, SymbolOutcome.UpToDate, null, 0, [], [], null);
                        progress.SymbolFinished(reports[i]!);
                    }
                    catch (IpBannedException ban)
                    {
                        bannedUntil = ban.Until;
                        await stop.CancelAsync();
                    }
                });
        }
        catch (IpBannedException ban)
        {
            bannedUntil = ban.Until;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or a ban: report what finished; committed data is durable.
        }

        var finished = request.Symbols.Select((symbol, i) => reports[i] ?? Interrupted(symbol)).ToList();
        return new SyncReport(
            range,
            finished,
            governor.WeightReserved,
            governor.Requests,
            governor.TooManyRequestsCount,
            governor.BanCount,
            client.TransientRetries,
            archive is null ? 0 : archive.Client.BytesDownloaded + archive.Listing.BytesDownloaded,
            // A ban the governor learnt during this run (one from before, already waited out, is not news).
            bannedUntil ?? (governor.BannedUntil != startedBan ? governor.BannedUntil : null),
            cancellationToken.IsCancellationRequested,
            clock.Elapsed);
    }

    /// <summary>[start, min(end, last closed minute)) on the exchange's clock.</summary>
    public static UtcRange ResolveRange(SyncRequest request, DateTimeOffset serverNow)
    {
        var lastClosed = MinuteTime.LastClosedEnd(serverNow);
        var start = MinuteTime.Ceiling(request.Start);
        var end = MinuteTime.Floor(request.End is { } e && e < lastClosed ? e : lastClosed);
        // Continuing symbols that are all up to date: keep a non-empty range to report against; each symbol finds nothing to do.
        if (request.ContinueFrom is not null && end <= start)
            start = end - MinuteTime.OneMinute;
        if (end <= start)
            throw new ArgumentException(
                $"Nothing to fetch: the range [{start:yyyy-MM-dd HH:mm}, {end:yyyy-MM-dd HH:mm}) UTC is empty once clamped to the last closed minute.");
        return new UtcRange(start, end);
    }

    /// <summary>The part of <paramref name="range"/> a symbol asks for, or null when it continues from at or after its end.</summary>
    private static UtcRange? RangeOf(SyncRequest request, string symbol, UtcRange range)
    {
        if (request.ContinueFrom is null || !request.ContinueFrom.TryGetValue(symbol, out var from))
            return range;
        var start = MinuteTime.Ceiling(from);
        return start >= range.End ? null : new UtcRange(start > range.Start ? start : range.Start, range.End);
    }

    private static SymbolReport Interrupted(string symbol) =>
        new(symbol, SymbolOutcome.Interrupted, null, 0, [], [], "the run stopped before this symbol finished");
}
