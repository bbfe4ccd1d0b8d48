using System.Text.Json;
using System.Text.Json.Serialization;

namespace BinanceSimulator.Hosting;

/// <summary>Reads <see cref="SimulatorOptions"/> from JSON (property names as in the classes, any case; TimeSpans as "hh:mm:ss").</summary>
public static class SimulatorOptionsFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt setting must fail loudly rather than silently keep its default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public static SimulatorOptions Parse(string json) =>
        JsonSerializer.Deserialize<SimulatorOptions>(json, Json) ?? throw new JsonException("The configuration is empty (null).");

    public static async Task<SimulatorOptions> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SimulatorOptions>(stream, Json, cancellationToken)
               ?? throw new JsonException($"{path}: the configuration is empty (null).");
    }
}
