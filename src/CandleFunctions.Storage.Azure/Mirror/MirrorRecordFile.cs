using System.Text.Json;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.Azure.Mirror;

/// <summary>Persists each symbol's <see cref="MirrorRecord"/> in <c>.candles-mirror/SYMBOL.json</c> inside the data folder.</summary>
internal static class MirrorRecordFile
{
    /// <summary>The folder, inside the data folder, that holds the records.</summary>
    public const string FolderName = ".candles-mirror";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static string PathFor(string dataDirectory, string symbol) => Path.Combine(dataDirectory, FolderName, symbol + ".json");

    /// <summary>The record, or null when there is none or it is unreadable (then the mirror reconciles in full, which is always safe).</summary>
    public static async Task<MirrorRecord?> LoadAsync(string dataDirectory, string symbol, CancellationToken cancellationToken)
    {
        var path = PathFor(dataDirectory, symbol);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<MirrorRecord>(await File.ReadAllTextAsync(path, cancellationToken), s_json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Task SaveAsync(string dataDirectory, string symbol, MirrorRecord record, CancellationToken cancellationToken)
    {
        var path = PathFor(dataDirectory, symbol);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(record, s_json), cancellationToken);
    }
}
