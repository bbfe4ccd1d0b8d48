using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BinanceSimulator.Rest;

/// <summary>A response before it goes on the wire: status and compact JSON body.</summary>
public sealed record RestReply(int StatusCode, byte[] Body)
{
    // Binance leaves quotes and apostrophes in messages unescaped ("parameter 'limit'").
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A 200 whose body <paramref name="write"/> produces.</summary>
    public static RestReply Json(Action<Utf8JsonWriter> write) => new(200, Write(write));

    /// <summary>A Binance error body {"code":..,"msg":..} with <paramref name="status"/>.</summary>
    public static RestReply Error(int status, int code, string message) => new(status, Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    }));

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
