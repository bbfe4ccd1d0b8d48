using System.Globalization;
using BinanceSimulator.Hosting;
using CandleFunctions.Core.Candles;

namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// One test's world: a simulator on loopback, a clock shared by it and the CLI, and a temp folder
/// holding the data folder and a symbols file.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    /// <summary>Default start of the clock: after every special event of the default universe but XEM's listing.</summary>
    public static readonly DateTimeOffset DefaultNow = At("2026-12-01 00:00:30");

    private readonly TempFolder _folder = new();

    private Sandbox(SimulatorHost simulator, TimeProvider time)
    {
        Simulator = simulator;
        Time = time;
        DataDirectory = _folder.PathOf("data");
        SymbolsFile = _folder.PathOf("filtered_tokens.csv");
    }

    public SimulatorHost Simulator { get; }

    public TimeProvider Time { get; }

    public string DataDirectory { get; }

    public string SymbolsFile { get; }

    /// <summary>When true, runs use the simulator's public archive; otherwise they pass --no-archive.</summary>
    public bool UseArchive { get; set; }

    /// <summary>The archive runs use when <see cref="UseArchive"/> is on; the simulator's own by default.</summary>
    public Uri? ArchiveUrl { get; set; }

    public static async Task<Sandbox> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        time ??= new TestClock(DefaultNow);
        var host = await SimulatorHost.StartAsync(options, time: time);
        return new Sandbox(host, time);
    }

    public static DateTimeOffset At(string utc) =>
        DateTimeOffset.ParseExact(utc, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static UtcRange Range(string start, string end) => new(At(start), At(end));

    /// <summary>Writes the symbols file in the notebook's shape (token,binance_symbol).</summary>
    public void WriteSymbols(params string[] symbols) =>
        File.WriteAllText(SymbolsFile, "token,binance_symbol\n" + string.Concat(symbols.Select(s => $"{s.Replace("USDT", "")},{s}\n")));

    public string CsvPath(string symbol) => Path.Combine(DataDirectory, symbol + ".csv");

    public string LedgerPath(string symbol) => Path.Combine(DataDirectory, symbol + ".ledger.json");

    public string PathOf(string name) => _folder.PathOf(name);

    /// <summary>Runs <c>candles sync --json</c> over [start, end) (no --start or --end when null) with this sandbox's files and simulator.</summary>
    public Task<CliResult> SyncAsync(string? start, string? end, params string[] extra) => SyncAsync(start, end, CancellationToken.None, extra);

    /// <summary>As <see cref="SyncAsync(string, string?, string[])"/>, stoppable like Ctrl+C through <paramref name="cancellationToken"/>.</summary>
    public Task<CliResult> SyncAsync(string? start, string? end, CancellationToken cancellationToken, params string[] extra)
    {
        var args = new List<string>
        {
            "sync", "--data", DataDirectory, "--symbols-file", SymbolsFile,
            "--api-url", Simulator.BaseUrl.ToString(), "--json",
        };
        if (start is not null)
            args.AddRange(["--start", start]);
        args.AddRange(UseArchive ? ["--archive-url", (ArchiveUrl ?? Simulator.BaseUrl).ToString()] : ["--no-archive"]);
        if (end is not null)
            args.AddRange(["--end", end]);
        args.AddRange(extra);
        return CandlesCommand.RunAsync(Time, cancellationToken, [.. args]);
    }

    /// <summary>The exchange's closed, traded candles of <paramref name="symbol"/> in <paramref name="range"/>.</summary>
    public IReadOnlyList<StoredRow> GroundTruth(string symbol, UtcRange range) =>
        Simulator.Market.ClosedTradedCandles(symbol, range, Time.GetUtcNow())
            .Select(c => new StoredRow(
                DateTimeOffset.FromUnixTimeMilliseconds(c.OpenTime),
                Parse(c.Open), Parse(c.High), Parse(c.Low), Parse(c.Close), Parse(c.Volume)))
            .ToList();

    public IReadOnlyList<StoredRow> Stored(string symbol) => CandleFile.Read(CsvPath(symbol));

    /// <summary>Asserts the stored file holds exactly the exchange's candles of <paramref name="range"/>.</summary>
    public void AssertExact(string symbol, UtcRange range, bool mayBeEmpty = false)
    {
        var expected = GroundTruth(symbol, range);
        var stored = Stored(symbol);
        Assert.True(mayBeEmpty || expected.Count > 0, $"ground truth of {symbol} over {range} is empty; the test is mis-built");
        Assert.Equal(expected.Count, stored.Count);
        Assert.Equal(expected, stored);
    }

    /// <summary>
    /// Asserts every stored row of an interrupted run is the exchange's candle at that minute: nothing
    /// invented, nothing altered. (A run commits its first and last pages early, so what was kept need not be
    /// a prefix of the range.)
    /// </summary>
    public void AssertStoredRowsAreTrue(string symbol, UtcRange range)
    {
        var truth = GroundTruth(symbol, range).ToDictionary(r => r.Timestamp);
        var stored = Stored(symbol);
        Assert.NotEmpty(stored);
        foreach (var row in stored)
            Assert.Equal(truth[row.Timestamp], row);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _folder.Dispose();
    }

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
