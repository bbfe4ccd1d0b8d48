namespace CandleFunctions.Storage.Local;

/// <summary>Where <see cref="LocalFolderStore"/> keeps its files.</summary>
public sealed class LocalFolderStoreOptions
{
    /// <summary>The data folder holding <c>SYMBOL.csv</c> and <c>SYMBOL.ledger.json</c>; created on the first commit.</summary>
    /// <value>Defaults to <c>data</c>, relative to the working directory.</value>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("LocalFolderStoreOptions.DataDirectory must name a folder.");
    }
}
