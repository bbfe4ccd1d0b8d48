using System.CommandLine;
using CandleFunctions.Cli.Commands;
using CandleFunctions.Sync.Input;
using CandleFunctions.Storage.Locking;

namespace CandleFunctions.Cli;

/// <summary>The <c>candles</c> command line: parses, dispatches, and maps every failure to a message and an exit code.</summary>
public static class CandlesApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider time, CancellationToken cancellationToken)
    {
        var root = new RootCommand("candles — Binance USDⓈ-M perpetual 1-minute candles, complete, exact and incremental");
        var sync = SyncCommand.Create();
        root.Subcommands.Add(sync);
        var verify = VerifyCommand.Create();
        root.Subcommands.Add(verify);
        var export = ExportCommand.Create();
        root.Subcommands.Add(export);
        var repair = RepairCommand.Create();
        root.Subcommands.Add(repair);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                console.Error.WriteLine($"candles: {error.Message}");
            console.Error.WriteLine("Run 'candles --help' for usage.");
            return ExitCodes.BadInput;
        }
        // Our verbs have no action of their own: a parsed action is --help or --version.
        if (parsed.Action is not null || (parsed.CommandResult.Command != sync && parsed.CommandResult.Command != verify && parsed.CommandResult.Command != export && parsed.CommandResult.Command != repair))
        {
            // --help, --version, or no verb: let System.CommandLine print its usage text.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken) == 0 && args.Length > 0
                ? ExitCodes.Success
                : ExitCodes.BadInput;
        }

        try
        {
            if (parsed.CommandResult.Command == verify)
                return await VerifyCommand.RunAsync(parsed, console, time, cancellationToken);
            if (parsed.CommandResult.Command == export)
                return await ExportCommand.RunAsync(parsed, console, cancellationToken);
            if (parsed.CommandResult.Command == repair)
                return await RepairCommand.RunAsync(parsed, console, time, cancellationToken);
            var arguments = SyncCommand.Bind(parsed, time.GetUtcNow());
            return await new SyncRunner(console, time).RunAsync(arguments, cancellationToken);
        }
        catch (InputException e)
        {
            console.Error.WriteLine($"candles: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (DataFolderLockedException e)
        {
            console.Error.WriteLine($"candles: {e.Message}");
            return ExitCodes.SomeFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("Stopped by the user. Everything fetched so far is saved; run again to continue.");
            return ExitCodes.Stopped;
        }
        catch (Exception e) when (e is HttpRequestException or Binance.Rest.BinanceApiException or IOException or TimeoutException
                                       or Polly.Timeout.TimeoutRejectedException or Binance.Rest.TransientResponseException or System.Text.Json.JsonException)
        {
            console.Error.WriteLine($"candles: could not complete the sync: {e.Message}");
            return ExitCodes.SomeFailed;
        }
    }
}
