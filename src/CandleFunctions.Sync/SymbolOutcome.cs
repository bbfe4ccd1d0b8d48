namespace CandleFunctions.Sync;

/// <summary>How one symbol's sync ended.</summary>
public enum SymbolOutcome
{
    /// <summary>Everything requested was already stored.</summary>
    UpToDate,

    /// <summary>Missing candles were fetched and stored; the requested range is now complete.</summary>
    Synced,

    /// <summary>The exchange has no candles for this symbol in the range (not listed yet, or delisted before).</summary>
    NoData,

    /// <summary>Not a USDT-margined perpetual (quarterly, USDC-margined, pending): not synced, by design.</summary>
    Skipped,

    /// <summary>exchangeInfo does not know the symbol (delisted long ago, or misspelt).</summary>
    Unknown,

    /// <summary>Some ranges could not be fetched or stored; what was fetched is kept.</summary>
    Failed,

    /// <summary>The run stopped (ban or Ctrl+C) before this symbol finished; what was stored is kept.</summary>
    Interrupted,
}
