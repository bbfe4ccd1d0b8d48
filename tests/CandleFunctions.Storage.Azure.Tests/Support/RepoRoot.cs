namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>Finds the repository root: the nearest folder above the test assembly that holds CandleFunctions.sln.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CandleFunctions.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No CandleFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
