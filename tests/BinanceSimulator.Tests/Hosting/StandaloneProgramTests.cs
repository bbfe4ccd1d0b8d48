using System.Diagnostics;

namespace BinanceSimulator.Tests.Hosting;

/// <summary>The standalone simulator process: prints its base URL first, honours --config, stops on SIGTERM.</summary>
public sealed class StandaloneProgramTests
{
    [Fact]
    public async Task Standalone_PrintsItsBaseUrl_ServesWithTheConfiguredLimits_AndStopsOnSigterm()
    {
        var config = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Rest": { "WeightLimit": 240, "Interval": "SECOND", "IntervalNum": 6 } }""");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "BinanceSimulator.dll"), "--port", "0", "--config", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var firstLine = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var baseUrl = new Uri(firstLine!);
            using var client = new HttpClient { BaseAddress = baseUrl };

            using var response = await client.GetAsync("fapi/v1/ping", timeout.Token);

            Assert.Equal("127.0.0.1", baseUrl.Host);
            Assert.True(response.Headers.Contains("x-mbx-used-weight-6s"));
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Standalone_RejectsAnInvalidConfig_WithExitCode2()
    {
        var config = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Rest": { "Interval": "WEEK" } }""");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "BinanceSimulator.dll"), "--config", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("WEEK", error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
            File.Delete(config);
        }
    }
}
