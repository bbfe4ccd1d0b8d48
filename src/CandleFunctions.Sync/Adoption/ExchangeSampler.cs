using CandleFunctions.Binance.Archive;
using CandleFunctions.Binance.RateLimiting;
using CandleFunctions.Binance.Rest;
using CandleFunctions.Core.Adoption;
using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Core.Planning;

namespace CandleFunctions.Sync.Adoption;

/// <summary>
/// Fetches the exchange's closed candles over some windows to compare a file with: from the public archive where a
/// daily or monthly file is published (no weight; a window is widened to its whole day for that), else REST pages
/// through the governed client. A page that fails after retries leaves its minutes unknown. Without a client (a symbol
/// exchangeInfo no longer lists, whose history only the archive has) the archive is the only source.
/// </summary>
public sealed class ExchangeSampler(BinanceFuturesClient? client, WeightGovernor governor, ArchiveSource? archive)
{
    public async Task<ExchangeSample> FetchAsync(string symbol, CoverageSet windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var now = governor.ServerNow();
        var closedEnd = MinuteTime.LastClosedEnd(now);
        if (windows.IsEmpty || windows.Ranges[0].Start >= closedEnd)
            return ExchangeSample.None;
        windows = windows.Intersect(new UtcRange(windows.Ranges[0].Start, closedEnd));

        var candles = new List<Candle>();
        var known = CoverageSet.Empty;
        if (archive is not null)
        {
            var days = CoverageSet.Of(windows.Ranges.Select(r => new UtcRange(Day(r.Start), Day(r.End) == r.End ? r.End : Day(r.End).AddDays(1))));
            foreach (var job in archive.Planner.Plan(symbol, days, now).Jobs)
            {
                await using var file = await archive.Client.FetchAsync(job, cancellationToken);
                if (file.Status != ArchiveFetchStatus.Verified)
                    continue;
                await foreach (var candle in file.ReadCandlesAsync(cancellationToken))
                    candles.Add(candle);
                known = known.Union(CoverageSet.Of(job.Range).Subtract(file.DaysWithoutCandles));
            }
        }

        if (client is null)
            return new ExchangeSample(candles, known);
        foreach (var page in KlinePager.Pages(windows.Subtract(known)))
        {
            IReadOnlyList<Kline> klines;
            try
            {
                klines = await client.GetKlinesAsync(symbol, page.StartTimeMs, page.EndTimeMs, page.Limit, cancellationToken);
            }
            catch (Exception e) when (RestPhase.IsFetchFailure(e))
            {
                continue;
            }
            var serverNow = governor.ServerNow();
            candles.AddRange(klines
                .Where(k => page.Range.Contains(k.OpenTimeUtc) && k.OpenTime % 60_000 == 0 && DateTimeOffset.FromUnixTimeMilliseconds(k.CloseTime) < serverNow)
                .Select(k => k.ToCandle(symbol)));
            known = known.Union(page.Range);
        }
        return new ExchangeSample(candles, known);
    }

    private static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
