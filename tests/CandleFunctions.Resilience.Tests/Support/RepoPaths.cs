namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>Where the repository and the real candles command are: the command runs from the CLI's own build output.</summary>
public static class RepoPaths
{
    /// <summary>The build configuration of these tests (and of the CLI they run).</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The nearest folder above the test assembly that holds CandleFunctions.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CandleFunctions.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No CandleFunctions.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>candles.dll built in the same configuration as these tests (the project reference builds it).</summary>
    public static string CandlesDll()
    {
        var path = Path.Combine(Root(), "src", "CandleFunctions.Cli", "bin", Configuration, "net10.0", "candles.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"build the CLI first: {path} is missing");
    }
}
