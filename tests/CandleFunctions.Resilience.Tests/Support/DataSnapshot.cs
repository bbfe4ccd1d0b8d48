using System.Text;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>The bytes of every candle file and ledger in a data folder (not the lock, the run state or temp files).</summary>
public sealed class DataSnapshot
{
    private DataSnapshot(IReadOnlyDictionary<string, byte[]> files) => Files = files;

    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public static DataSnapshot Of(string folder) =>
        new(Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".csv", StringComparison.Ordinal) || p.EndsWith(".ledger.json", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes, StringComparer.Ordinal));

    /// <summary>A snapshot of named contents from elsewhere (a blob container).</summary>
    public static DataSnapshot FromFiles(IReadOnlyDictionary<string, byte[]> files) => new(files);

    /// <summary>Null when both hold the same files with the same bytes; otherwise what differs first, for the failure message.</summary>
    public string? Difference(DataSnapshot expected)
    {
        var names = expected.Files.Keys.Union(Files.Keys).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!Files.TryGetValue(name, out var actual))
                return $"{name} is missing";
            if (!expected.Files.TryGetValue(name, out var wanted))
                return $"{name} should not exist";
            if (actual.AsSpan().SequenceEqual(wanted))
                continue;
            var a = Encoding.UTF8.GetString(actual).Split('\n');
            var e = Encoding.UTF8.GetString(wanted).Split('\n');
            var line = Enumerable.Range(0, Math.Min(a.Length, e.Length)).FirstOrDefault(i => a[i] != e[i], Math.Min(a.Length, e.Length));
            return $"{name} differs ({actual.Length} bytes, expected {wanted.Length}) first at line {line + 1}: "
                   + $"'{(line < a.Length ? a[line] : "<end>")}' instead of '{(line < e.Length ? e[line] : "<end>")}'";
        }
        return null;
    }
}
