using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Parquet;

/// <summary>
/// Converts one symbol's CSV (with its ledger, or adopted as the sync would adopt it) into Parquet month files,
/// offline, one month at a time. The Parquet ledger gains exactly the CSV's coverage. Rows already in Parquet are
/// kept (they may carry the extra kline fields a CSV lacks); the converted rows have those fields null.
/// </summary>
public sealed class ParquetExporter(LocalFolderStore csv, ParquetCandleStore parquet)
{
    /// <summary>Exports <paramref name="symbol"/>; returns the candles written to Parquet and the months touched.</summary>
    public async Task<(long Added, int Months)> ExportAsync(string symbol, CancellationToken cancellationToken)
    {
        var stored = await csv.LoadAsync(symbol, cancellationToken);
        long added = 0;
        var months = 0;
        var covered = stored.Covered;
        var chunk = new List<Candle>();
        DateOnly? month = null;
        await foreach (var candle in csv.ReadAsync(symbol, cancellationToken))
        {
            var of = ParquetLayout.MonthOf(candle.Timestamp);
            if (month is { } current && of != current)
            {
                added += await CommitMonthAsync(symbol, current, chunk, covered, cancellationToken);
                months++;
                chunk = [];
            }
            month = of;
            chunk.Add(candle);
        }
        if (month is { } last)
        {
            added += await CommitMonthAsync(symbol, last, chunk, covered, cancellationToken);
            months++;
        }
        // What the CSV's ledger covers without candles (before listing, outages) is known empty in Parquet too.
        await parquet.CommitAsync(symbol, [], covered, cancellationToken);
        await parquet.FlushAsync(symbol, cancellationToken);
        return (added, months);
    }

    private async Task<long> CommitMonthAsync(string symbol, DateOnly month, List<Candle> candles, CoverageSet covered, CancellationToken cancellationToken)
    {
        // A stored candle proves its own minute even where a ledger has not recorded it yet.
        var minutes = new MinuteRangeBuilder();
        foreach (var candle in candles)
            minutes.Add(candle.Timestamp);
        var span = covered.Intersect(ParquetLayout.RangeOf(month)).Union(minutes.Build());
        return (await parquet.CommitAsync(symbol, candles, span, cancellationToken)).Added;
    }
}
