using System.Text.Json;

namespace CandleFunctions.Tests.Fakes;

/// <summary>The worker's default payload serializer: System.Text.Json, PascalCase out, case-insensitive in.</summary>
internal static class FakeJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Sends a payload through JSON, as every durable hop does.</summary>
    public static T? RoundTrip<T>(object? value) =>
        value is null ? default : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, value.GetType(), Options), Options);
}
