namespace BinanceSimulator.Archive;

/// <summary>
/// Names archive files for a defect: a symbol (<c>*</c> for all) and a period, <c>YYYY-MM</c> for a
/// monthly file or <c>YYYY-MM-DD</c> for a daily one.
/// </summary>
public sealed class ArchiveFileSelector
{
    /// <summary>Symbol, or <c>*</c> for all symbols.</summary>
    public string Symbol { get; set; } = "";

    /// <summary><c>YYYY-MM</c> (monthly file) or <c>YYYY-MM-DD</c> (daily file).</summary>
    public string Period { get; set; } = "";

    /// <summary>True when <paramref name="file"/> is one of the files this selector names.</summary>
    public bool Matches(ArchiveFile file) =>
        (Symbol == "*" || Symbol == file.Symbol) && string.Equals(Period, file.Period.Label, StringComparison.Ordinal);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol))
            throw new ArgumentException($"Archive file selector for period '{Period}' needs a Symbol (or \"*\").");
        if (!ArchivePeriod.TryParse(Period, out _))
            throw new ArgumentException($"Archive file selector period '{Period}' must be YYYY-MM or YYYY-MM-DD.");
    }
}
