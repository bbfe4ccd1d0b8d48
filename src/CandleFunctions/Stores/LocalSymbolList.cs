using CandleFunctions.Sync.Input;

namespace CandleFunctions.Stores;

/// <summary>filtered_tokens.csv read from a local path (the mirror folder by default), exactly as the CLI reads it.</summary>
public sealed class LocalSymbolList(string path) : ISymbolListSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(SymbolsFile.Read(path, "name the symbols in the request or add the file").Symbols);
}
