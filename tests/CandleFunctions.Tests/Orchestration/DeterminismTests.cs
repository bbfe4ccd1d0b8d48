using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Orchestration;

/// <summary>Orchestrator code is replayed, so it must never read the clock, make random ids, sleep, or do I/O.</summary>
public sealed class DeterminismTests
{
    private static readonly string[] Forbidden =
    [
        "DateTime.Now", "DateTime.UtcNow", "DateTime.Today", "DateTimeOffset.Now", "DateTimeOffset.UtcNow",
        "Guid.NewGuid", "Task.Delay", "Thread.Sleep", "Task.Run", "Stopwatch", "File.", "Directory.", "HttpClient",
        "TimeProvider", "Environment.", "ConfigureAwait", "Random",
    ];

    public static TheoryData<string> OrchestratorFiles() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "CandleFunctions", "Orchestration"), "*.cs").Select(f => Path.GetFileName(f));

    [Fact]
    public void The_orchestrators_are_among_the_files_scanned()
    {
        var files = Names().ToList();
        Assert.Contains("SyncOrchestrator.cs", files);
        Assert.Contains("SymbolOrchestrator.cs", files);
        Assert.Contains("WeightGate.cs", files);
    }

    [Theory]
    [MemberData(nameof(OrchestratorFiles))]
    public void Orchestration_code_uses_no_non_deterministic_api(string file)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "CandleFunctions", "Orchestration", file));
        var code = string.Join('\n', source.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

        var found = Forbidden.Where(api => code.Contains(api, StringComparison.Ordinal)).ToList();

        Assert.True(found.Count == 0, $"{file} uses {string.Join(", ", found)}");
    }
}
