using CandleFunctions.Core.Candles;
using CandleFunctions.Core.Coverage;
using CandleFunctions.Storage.Parquet;
using CandleFunctions.Storage.Tests.Support;

namespace CandleFunctions.Storage.Tests.Parquet;

public sealed class ParquetCandleStoreTests : IDisposable
{
    private const string Symbol = "BTCUSDT";
    private static readonly DateTimeOffset Sep = new(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Oct = new(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov = new(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly LocalParquetMonthStore _months;
    private readonly ParquetCandleStore _store;

    public ParquetCandleStoreTests()
    {
        _months = new LocalParquetMonthStore(_dir.Path);
        _store = new ParquetCandleStore(_months);
    }

    [Fact]
    public async Task Candles_land_in_hive_month_files_sorted_with_the_ledger_beside_them()
    {
        var candles = Minutes(Oct.AddMinutes(-30), 60);

        await _store.CommitAsync(Symbol, candles, Cover(candles), CancellationToken.None);
        await _store.FlushAsync(Symbol, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_dir.Path, "parquet", "symbol=BTCUSDT", "month=2024-09.parquet")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "parquet", "symbol=BTCUSDT", "month=2024-10.parquet")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "parquet", "symbol=BTCUSDT", "_ledger.json")));
        Assert.Equal(30, (await _months.ReadMonthAsync(Symbol, new DateOnly(2024, 9, 1), CancellationToken.None)).Count);
        Assert.Equal(candles, await _store.ReadAsync(Symbol, CancellationToken.None).ToListAsync());
        var stored = await _store.LoadAsync(Symbol, CancellationToken.None);
        Assert.Equal(Cover(candles), stored.Covered);
        Assert.Equal(60, stored.CandleCount);
        Assert.Equal(candles[0].Timestamp, stored.First);
        Assert.Equal(candles[^1].Timestamp, stored.Last);
    }

    [Fact]
    public async Task Appending_newer_candles_rewrites_only_the_current_month()
    {
        var old = Minutes(Sep.AddDays(29), 3 * 1440);
        await _store.CommitAsync(Symbol, old, Cover(old), CancellationToken.None);
        var september = Stamp(new DateOnly(2024, 9, 1));

        var newer = Minutes(old[^1].Timestamp.AddMinutes(1), 60);
        await _store.CommitAsync(Symbol, newer, Cover(newer), CancellationToken.None);

        Assert.Equal(september, Stamp(new DateOnly(2024, 9, 1)));
        Assert.Equal([.. old, .. newer], await _store.ReadAsync(Symbol, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_hole_fill_rewrites_only_the_months_it_touches()
    {
        var september = Minutes(Sep, 60);
        var november = Minutes(Nov, 60);
        await _store.CommitAsync(Symbol, september, Cover(september), CancellationToken.None);
        await _store.CommitAsync(Symbol, november, Cover(november), CancellationToken.None);
        await _store.FlushAsync(Symbol, CancellationToken.None);
        var before = (Stamp(new DateOnly(2024, 9, 1)), Stamp(new DateOnly(2024, 11, 1)));

        var october = Minutes(Oct.AddDays(3), 60);
        var result = await _store.CommitAsync(Symbol, october, Cover(october), CancellationToken.None);
        await _store.FlushAsync(Symbol, CancellationToken.None);

        Assert.Equal(60, result.Added);
        Assert.Equal(before, (Stamp(new DateOnly(2024, 9, 1)), Stamp(new DateOnly(2024, 11, 1))));
        Assert.Equal([.. september, .. october, .. november], await _store.ReadAsync(Symbol, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Stored_rows_are_kept_and_counted_once_when_the_same_minutes_come_again()
    {
        var candles = Minutes(Oct, 10);
        await _store.CommitAsync(Symbol, candles, Cover(candles), CancellationToken.None);

        var again = Minutes(Oct, 20);
        var result = await _store.CommitAsync(Symbol, again, Cover(again), CancellationToken.None);

        Assert.Equal(10, result.Added);
        Assert.Equal(again, await _store.ReadAsync(Symbol, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_range_with_no_candles_is_recorded_in_the_ledger_without_a_month_file()
    {
        var empty = CoverageSet.Of(new UtcRange(Sep, Oct));

        await _store.CommitAsync(Symbol, [], empty, CancellationToken.None);

        Assert.Empty(await _months.ListMonthsAsync(Symbol, CancellationToken.None));
        Assert.Equal(empty, (await _store.LoadAsync(Symbol, CancellationToken.None)).Covered);
    }

    [Fact]
    public async Task A_temp_file_left_by_an_interrupted_write_is_ignored_and_removed_by_the_next_write()
    {
        var candles = Minutes(Oct, 10);
        await _store.CommitAsync(Symbol, candles, Cover(candles), CancellationToken.None);
        await _store.FlushAsync(Symbol, CancellationToken.None);
        var stray = Path.Combine(_dir.Path, "parquet", "symbol=BTCUSDT", ".month=2024-10.parquet.0123456789abcdef0123456789abcdef.tmp");
        await File.WriteAllTextAsync(stray, "half a file");

        Assert.Equal(candles, await _store.ReadAsync(Symbol, CancellationToken.None).ToListAsync());
        var more = Minutes(Oct.AddMinutes(10), 5);
        await _store.CommitAsync(Symbol, more, Cover(more), CancellationToken.None);
        await _store.FlushAsync(Symbol, CancellationToken.None);

        Assert.False(File.Exists(stray));
    }

    [Fact]
    public async Task Commits_to_an_unfinished_month_are_held_out_of_the_file_and_the_ledger_until_flushed()
    {
        var first = Minutes(Oct, 30);
        var second = Minutes(Oct.AddMinutes(30), 30);
        await _store.CommitAsync(Symbol, first, Cover(first), CancellationToken.None);
        await _store.CommitAsync(Symbol, second, Cover(second), CancellationToken.None);

        Assert.False(File.Exists(_months.MonthPath(Symbol, new DateOnly(2024, 10, 1))));
        Assert.Null(await _months.ReadLedgerAsync(Symbol, CancellationToken.None));

        await _store.FlushAsync(Symbol, CancellationToken.None);

        Assert.Equal([.. first, .. second], await _months.ReadMonthAsync(Symbol, new DateOnly(2024, 10, 1), CancellationToken.None));
        Assert.Equal(CoverageSet.Of(new UtcRange(Oct, Oct.AddMinutes(60))), await _months.ReadLedgerAsync(Symbol, CancellationToken.None));
    }

    [Fact]
    public async Task A_month_is_written_as_soon_as_the_ledger_covers_all_of_it()
    {
        var candles = Minutes(Sep, 60);

        await _store.CommitAsync(Symbol, candles, CoverageSet.Of(new UtcRange(Sep, Oct)), CancellationToken.None);

        // Written in the background, without a flush: the ledger appears once the file is in place.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _months.ReadLedgerAsync(Symbol, CancellationToken.None) is null && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(CoverageSet.Of(new UtcRange(Sep, Oct)), await _months.ReadLedgerAsync(Symbol, CancellationToken.None));
        Assert.Equal(candles, await _months.ReadMonthAsync(Symbol, new DateOnly(2024, 9, 1), CancellationToken.None));
    }

    [Fact]
    public async Task A_complete_month_is_written_in_the_background_and_the_ledger_waits_for_its_file()
    {
        var gated = new GatedMonthStore(_months);
        var store = new ParquetCandleStore(gated);
        var september = Minutes(Sep, 60);

        // The commit returns while the month's write is still held at the gate.
        await store.CommitAsync(Symbol, september, CoverageSet.Of(new UtcRange(Sep, Oct)), CancellationToken.None);
        await gated.WriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await _months.ReadLedgerAsync(Symbol, CancellationToken.None));
        Assert.False(File.Exists(_months.MonthPath(Symbol, new DateOnly(2024, 9, 1))));

        var october = Minutes(Oct, 30);
        var next = store.CommitAsync(Symbol, october, Cover(october), CancellationToken.None);
        gated.Open();
        await next;
        await store.FlushAsync(Symbol, CancellationToken.None);

        Assert.Equal(september, await _months.ReadMonthAsync(Symbol, new DateOnly(2024, 9, 1), CancellationToken.None));
        Assert.Equal(CoverageSet.Of(new UtcRange(Sep, Oct)).Union(Cover(october)), await _months.ReadLedgerAsync(Symbol, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_background_write_fails_the_next_call_and_leaves_the_ledger_without_its_month()
    {
        var gated = new GatedMonthStore(_months) { Failure = new IOException("disk full") };
        var store = new ParquetCandleStore(gated);
        var september = Minutes(Sep, 60);
        await store.CommitAsync(Symbol, september, CoverageSet.Of(new UtcRange(Sep, Oct)), CancellationToken.None);

        gated.Open();

        var e = await Assert.ThrowsAsync<IOException>(() => store.FlushAsync(Symbol, CancellationToken.None));
        Assert.Equal("disk full", e.Message);
        Assert.Null(await _months.ReadLedgerAsync(Symbol, CancellationToken.None));
        Assert.False(File.Exists(_months.MonthPath(Symbol, new DateOnly(2024, 9, 1))));
    }

    public void Dispose() => _dir.Dispose();

    private (DateTime, long) Stamp(DateOnly month)
    {
        var info = new FileInfo(_months.MonthPath(Symbol, month));
        return (info.LastWriteTimeUtc, info.Length);
    }

    private static List<Candle> Minutes(DateTimeOffset start, int count) =>
        Enumerable.Range(0, count).Select(i => new Candle(Symbol, start.AddMinutes(i), 100.10m + i, 101.20m + i, 99.00m, 100.50m, 1.234m * (i + 1))
        {
            Extras = new KlineExtras(123.4567m * (i + 1), i + 1, 0.617m * (i + 1), 61.72835m * (i + 1)),
        }).ToList();

    private static CoverageSet Cover(IReadOnlyList<Candle> candles) =>
        CoverageSet.Of(new UtcRange(candles[0].Timestamp, candles[^1].Timestamp.AddMinutes(1)));
}
