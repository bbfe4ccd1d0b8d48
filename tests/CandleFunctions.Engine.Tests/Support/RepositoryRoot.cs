namespace CandleFunctions.Engine.Tests.Support;

/// <summary>The checkout's root: the first folder above the test binaries holding CandleFunctions.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CandleFunctions.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("CandleFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
