namespace BinanceSimulator.Archive;

/// <summary>One day the archive lacks for a symbol (<c>*</c> for every symbol), as in the real archive's known holes.</summary>
public sealed class ArchiveMissingDay
{
    /// <summary>Symbol, or <c>*</c> for all symbols.</summary>
    public string Symbol { get; set; } = "";

    /// <summary>The missing UTC day.</summary>
    public DateOnly Day { get; set; }

    /// <summary>True when this entry removes <paramref name="day"/> of <paramref name="symbol"/>.</summary>
    public bool Matches(string symbol, DateOnly day) => Day == day && (Symbol == "*" || Symbol == symbol);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol))
            throw new ArgumentException($"Archive missing day {Day:yyyy-MM-dd} needs a Symbol (or \"*\").");
    }
}
