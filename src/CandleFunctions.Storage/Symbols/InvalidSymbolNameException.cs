namespace CandleFunctions.Storage.Symbols;

/// <summary>A symbol that cannot be used as a file name.</summary>
public sealed class InvalidSymbolNameException : ArgumentException
{
    public InvalidSymbolNameException(string symbol, string reason)
        : base($"'{symbol}' is not a valid symbol name: {reason}.")
    {
        Symbol = symbol;
        Reason = reason;
    }

    /// <summary>The rejected name.</summary>
    public string Symbol { get; }

    /// <summary>Why it was rejected.</summary>
    public string Reason { get; }
}
