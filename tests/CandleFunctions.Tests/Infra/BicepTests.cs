using System.Diagnostics;
using CandleFunctions.Tests.Support;

namespace CandleFunctions.Tests.Infra;

/// <summary>infra/ must build and lint clean with the Bicep CLI from NuGet (tools/bicep/bicep.sh), offline.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> BicepFiles() =>
        new(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Builds_without_errors_or_warnings(string file)
    {
        var (exit, output) = await BicepAsync("build", file, "--stdout");

        Assert.True(exit == 0, output);
        Assert.DoesNotContain("Warning", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lints_clean(string file)
    {
        var (exit, output) = await BicepAsync("lint", file);

        Assert.True(exit == 0, output);
        Assert.True(output.Trim().Length == 0, output);
    }

    [Fact]
    public async Task The_template_sets_the_settings_the_app_reads()
    {
        var (exit, template) = await BicepAsync("build", "infra/main.bicep", "--stdout");

        Assert.Equal(0, exit);
        foreach (var setting in new[] { "TaskHubName", "CandleFunctions__CandlesContainer", "CandleFunctions__BinanceBaseUrl", "AzureWebJobsStorage__credential", "\"allowSharedKeyAccess\": false" })
            Assert.Contains(setting, template, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI; build's JSON goes to stdout, so only stderr is returned for build and lint diagnostics.</summary>
    private static async Task<(int Exit, string Output)> BicepAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("tools", "bicep", "bicep.sh"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wantsTemplate = args.Contains("--stdout");
        return (process.ExitCode, wantsTemplate && process.ExitCode == 0 && (await stderr).Length == 0 ? await stdout : await stderr + await stdout);
    }
}
