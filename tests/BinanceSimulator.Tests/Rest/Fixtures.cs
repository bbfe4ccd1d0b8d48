using System.Text.Json;

namespace BinanceSimulator.Tests.Rest;

/// <summary>The real Binance captures, copied into the test output's fixtures/ folder.</summary>
internal static class Fixtures
{
    public static string Folder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "fixtures");
            if (!Directory.Exists(folder))
                throw new InvalidOperationException($"Fixture folder {folder} is missing: the build copies ../shared/fixtures/binance (beside the repository) there when it exists.");
            return folder;
        }
    }

    public static JsonElement Load(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Fixture {name} is missing from {Folder}.", path);
        return JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.Clone();
    }

    /// <summary>A JSON value's kind, with true and false both "boolean".</summary>
    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var k => k.ToString(),
    };
}
