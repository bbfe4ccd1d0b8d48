namespace CandleFunctions.Stores;

/// <summary>The symbols a run covers when the request names none: the <c>binance_symbol</c> column of filtered_tokens.csv.</summary>
public interface ISymbolListSource
{
    /// <summary>The symbols in file order, upper-cased, without blanks or duplicates.</summary>
    /// <exception cref="Sync.Input.InputException">The file is missing, unreadable, empty or has no binance_symbol column.</exception>
    Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken);
}
