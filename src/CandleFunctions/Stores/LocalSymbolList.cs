namespace CandleFunctions.Stores;

/// <summary>filtered_tokens.csv read from a local path (the mirror folder by default).</summary>
public sealed class LocalSymbolList(string path) : ISymbolListSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The symbols file '{path}' does not exist; name the symbols in the request or add the file.", path);
        return SymbolListCsv.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }
}
