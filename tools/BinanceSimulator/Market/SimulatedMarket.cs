using CandleFunctions.Core.Candles;

namespace BinanceSimulator.Market;

/// <summary>
/// The simulated exchange's data: which symbols exist, which candles exist, and what each one is.
/// Pure and deterministic given "now"; REST, archive and tests' ground truth all read from here.
/// </summary>
public sealed class SimulatedMarket
{
    private const long MinuteMs = 60_000;
    private readonly Dictionary<string, SimSymbol> _bySymbol;

    public SimulatedMarket(IEnumerable<SimSymbol> symbols, IEnumerable<UtcRange> outages)
    {
        Symbols = symbols.ToList();
        _bySymbol = Symbols.ToDictionary(s => s.Symbol, StringComparer.Ordinal);
        Outages = outages.OrderBy(o => o.Start).ToList();
    }

    public IReadOnlyList<SimSymbol> Symbols { get; }

    /// <summary>Exchange-wide outages: no symbol has candles inside them.</summary>
    public IReadOnlyList<UtcRange> Outages { get; }

    public SimSymbol? Find(string symbol) => _bySymbol.GetValueOrDefault(symbol);

    /// <summary>
    /// The candle REST serves at <paramref name="openTime"/> (ms), or null when there is none:
    /// before the first candle, in the future, inside an outage, or after a delisting the
    /// exchange no longer lists. The candle containing <paramref name="now"/> comes back open.
    /// </summary>
    public SimCandle? Serve(SimSymbol symbol, long openTime, DateTimeOffset now)
    {
        if (!symbol.HasCandles || openTime % MinuteMs != 0 || openTime < symbol.FirstCandle.ToUnixTimeMilliseconds())
            return null;
        var nowMs = now.ToUnixTimeMilliseconds();
        if (openTime > nowMs || InOutage(openTime))
            return null;
        if (symbol.DelistedAt is { } delisted && openTime >= delisted.ToUnixTimeMilliseconds())
        {
            if (!symbol.InExchangeInfo)
                return null;
            var lastTraded = delisted.ToUnixTimeMilliseconds() - MinuteMs;
            return PriceModel.Flat(symbol, openTime, PriceModel.Traded(symbol, lastTraded).Close);
        }
        var elapsed = (nowMs - openTime) / (double)MinuteMs;
        return PriceModel.Traded(symbol, openTime, Math.Min(1.0, elapsed));
    }

    /// <summary>Candles REST serves with open time in [fromOpen, toOpen], ascending.</summary>
    public IEnumerable<SimCandle> ServeAscending(SimSymbol symbol, long fromOpen, long toOpen, DateTimeOffset now)
    {
        if (!symbol.HasCandles)
            yield break;
        var start = Math.Max(AlignUp(fromOpen), symbol.FirstCandle.ToUnixTimeMilliseconds());
        var end = Math.Min(toOpen, ServedEndInclusive(symbol, now));
        for (var t = start; t <= end; t += MinuteMs)
        {
            if (Serve(symbol, t, now) is { } candle)
                yield return candle;
        }
    }

    /// <summary>Candles REST serves with open time in [fromOpen, toOpen], newest first.</summary>
    public IEnumerable<SimCandle> ServeDescending(SimSymbol symbol, long fromOpen, long toOpen, DateTimeOffset now)
    {
        if (!symbol.HasCandles)
            yield break;
        var start = Math.Max(AlignUp(fromOpen), symbol.FirstCandle.ToUnixTimeMilliseconds());
        var end = AlignDown(Math.Min(toOpen, ServedEndInclusive(symbol, now)));
        for (var t = end; t >= start; t -= MinuteMs)
        {
            if (Serve(symbol, t, now) is { } candle)
                yield return candle;
        }
    }

    /// <summary>
    /// Ground truth for tests: every closed, really traded candle (no flat post-delisting tail) whose
    /// open time lies in <paramref name="range"/>.
    /// </summary>
    public IEnumerable<SimCandle> ClosedTradedCandles(string symbol, UtcRange range, DateTimeOffset now)
    {
        var sim = Find(symbol) ?? throw new ArgumentException($"unknown symbol {symbol}", nameof(symbol));
        var end = range.End.ToUnixTimeMilliseconds() - 1;
        if (sim.DelistedAt is { } delisted)
            end = Math.Min(end, delisted.ToUnixTimeMilliseconds() - 1);
        if (!sim.HasCandles)
            yield break;
        var start = Math.Max(AlignUp(range.Start.ToUnixTimeMilliseconds()), sim.FirstCandle.ToUnixTimeMilliseconds());
        var nowMs = now.ToUnixTimeMilliseconds();
        for (var t = start; t <= end && t + MinuteMs <= nowMs; t += MinuteMs)
        {
            if (!InOutage(t))
                yield return PriceModel.Traded(sim, t);
        }
    }

    /// <summary>True when an exchange-wide outage covers the minute opening at <paramref name="openTime"/>.</summary>
    public bool InOutage(long openTime)
    {
        foreach (var outage in Outages)
        {
            if (openTime >= outage.Start.ToUnixTimeMilliseconds() && openTime < outage.End.ToUnixTimeMilliseconds())
                return true;
        }
        return false;
    }

    private static long ServedEndInclusive(SimSymbol symbol, DateTimeOffset now)
    {
        var end = now.ToUnixTimeMilliseconds();
        if (!symbol.InExchangeInfo && symbol.DelistedAt is { } delisted)
            end = Math.Min(end, delisted.ToUnixTimeMilliseconds() - 1);
        return end;
    }

    private static long AlignDown(long ms) => ms - ((ms % MinuteMs + MinuteMs) % MinuteMs);

    private static long AlignUp(long ms) => ms % MinuteMs == 0 ? ms : ms - ((ms % MinuteMs + MinuteMs) % MinuteMs) + MinuteMs;
}
