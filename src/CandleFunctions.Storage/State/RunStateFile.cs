using System.Text.Json;
using System.Text.Json.Serialization;
using CandleFunctions.Storage.Local;

namespace CandleFunctions.Storage.State;

/// <summary>Persists the <see cref="RunState"/> of a data folder in <c>.candles-state.json</c>, written atomically.</summary>
public static class RunStateFile
{
    /// <summary>The file's name inside the data folder.</summary>
    public const string FileName = ".candles-state.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The path of the state file of <paramref name="dataDirectory"/>.</summary>
    public static string PathFor(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    /// <summary>Reads the state; a missing file gives <see cref="RunState.Default"/>.</summary>
    /// <exception cref="CorruptRunStateException">The file is not valid run state.</exception>
    public static async Task<RunState> LoadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = PathFor(dataDirectory);
        if (!File.Exists(path))
            return RunState.Default;
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            var document = JsonSerializer.Deserialize<RunStateDocument>(json, s_json)
                ?? throw new CorruptRunStateException(path, "it is empty");
            return new RunState(document.BannedUntil?.ToUniversalTime());
        }
        catch (JsonException e)
        {
            throw new CorruptRunStateException(path, $"not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Writes the state atomically, creating the folder if needed.</summary>
    public static async Task SaveAsync(string dataDirectory, RunState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var path = PathFor(dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = JsonSerializer.Serialize(new RunStateDocument(state.BannedUntil), s_json).ReplaceLineEndings("\n") + "\n";
        await AtomicFile.WriteAllTextAsync(path, json, cancellationToken);
    }

    private sealed record RunStateDocument([property: JsonPropertyName("bannedUntil")] DateTimeOffset? BannedUntil);
}
