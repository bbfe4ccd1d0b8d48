using Azure;
using Azure.Storage.Blobs;
using CandleFunctions.Sync.Input;

namespace CandleFunctions.Stores;

/// <summary>filtered_tokens.csv from the candles container, else from <paramref name="fallback"/> (the local mirror's copy).</summary>
public sealed class BlobSymbolList(BlobContainerClient container, ISymbolListSource? fallback) : ISymbolListSource
{
    /// <summary>The blob's name, the same as the local file's.</summary>
    public const string BlobName = "filtered_tokens.csv";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var blob = container.GetBlobClient(BlobName);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return SymbolsFile.Parse(content.Value.Content.ToString(), blob.Uri.ToString()).Symbols;
        }
        catch (RequestFailedException e) when (e.Status == 404 && fallback is not null)
        {
            return await fallback.ReadAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InputException($"The symbols file '{blob.Uri}' does not exist (name the symbols in the request or upload the file): {e.ErrorCode}");
        }
    }
}
