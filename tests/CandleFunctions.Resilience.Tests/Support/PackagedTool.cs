using System.Diagnostics;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>
/// The CLI as a user gets it: packed once from this build (<c>dotnet pack --no-build</c>) and installed with
/// <c>dotnet tool install --tool-path</c> into a temp folder, from the local package folder only.
/// </summary>
public sealed class PackagedTool : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);
    private readonly TempFolder _folder = new();

    /// <summary>The installed <c>candles</c> command.</summary>
    public string Command => _folder["tools/candles"];

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepoPaths.Root(), "src", "CandleFunctions.Cli", "CandleFunctions.Cli.csproj");
        var packages = _folder["nupkg"];
        await RunChecked("dotnet", ["pack", project, "-c", RepoPaths.Configuration, "--no-build", "-o", packages, "-nologo"]);
        // A private package cache: the machine's cache may hold an older build with the same version.
        await RunChecked("dotnet", ["tool", "install", "--tool-path", _folder["tools"], "--add-source", packages, "--ignore-failed-sources", "CandleFunctions.Cli"],
            _folder["nuget-cache"]);
    }

    /// <summary>Runs the installed command to its end.</summary>
    public Task<CandlesExit> RunAsync(params string[] args) => RunProcessAsync(Command, args, Generous);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static async Task RunChecked(string file, string[] args, string? nugetCache = null)
    {
        var exit = await RunProcessAsync(file, args, Generous, nugetCache);
        if (exit.Code != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {exit}");
    }

    private static async Task<CandlesExit> RunProcessAsync(string file, string[] args, TimeSpan timeout, string? nugetCache = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("CANDLES_BLOB_CONNECTION");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (nugetCache is not null)
            start.Environment["NUGET_PACKAGES"] = nugetCache;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return new CandlesExit(process.ExitCode, await output, await error);
    }
}
