using System.Globalization;
using System.Text.Json;
using CandleFunctions.Core.Adoption;
using CandleFunctions.Storage.Csv;
using CandleFunctions.Storage.Ledger;
using CandleFunctions.Storage.Local;
using CandleFunctions.Storage.State;
using CandleFunctions.Storage.Symbols;
using CandleFunctions.Sync.Adoption;
using CandleFunctions.Sync.Input;
using CandleFunctions.Sync.Summary;
using CandleFunctions.Binance.Rest;

using CandleFunctions.Cli.Output;

namespace CandleFunctions.Cli.Commands;

/// <summary>
/// Compares every <c>SYMBOL.csv</c> of a folder (ledger or not) with the exchange's candles (archive first, then REST
/// under the weight budget) and, for <c>repair</c>, applies what it finds through the atomic rewrite path.
/// </summary>
public sealed class DeepCheck(CliConsole console, TimeProvider time)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public async Task<int> RunAsync(
        string data, Uri apiUrl, Uri? archiveUrl, SourceClock? clock, bool everyRow, bool apply, bool json, CancellationToken cancellationToken)
    {
        var state = await RunStateFile.LoadAsync(data, cancellationToken);
        if (state.BannedUntil is { } banned && banned > time.GetUtcNow())
        {
            console.Error.WriteLine($"Binance banned this IP until {banned:yyyy-MM-dd HH:mm:ss} UTC (remembered from an earlier run); not sending anything before then.");
            return ExitCodes.Stopped;
        }
        using var exchange = new ExchangeConnection(apiUrl, archiveUrl, TimeSpan.FromSeconds(15), time);
        await exchange.Client.GetExchangeInfoAsync(cancellationToken);
        var adopter = new SymbolAdopter(new ExchangeSampler(exchange.Client, exchange.Governor, exchange.Archive), SourceClockArgument.SystemZones());
        var store = new LocalFolderStore(new LocalFolderStoreOptions { DataDirectory = data });
        var human = json ? console.Error : console.Out;

        var results = new List<Result>();
        foreach (var symbol in Symbols(data))
        {
            try
            {
                var outcome = await adopter.VerifyAsync(store, symbol, clock, apply, cancellationToken, everyRow);
                results.Add(new Result(symbol, outcome, null));
            }
            catch (IpBannedException ban)
            {
                await RunStateFile.SaveAsync(data, state with { BannedUntil = ban.Until }, CancellationToken.None);
                console.Error.WriteLine($"Stopped: Binance banned this IP until {ban.Until:yyyy-MM-dd HH:mm:ss} UTC. Nothing was changed by the interrupted check.");
                return ExitCodes.Stopped;
            }
            catch (Exception e) when (e is CorruptCandleFileException or CorruptLedgerException or IOException or UnauthorizedAccessException)
            {
                results.Add(new Result(symbol, null, e.Message));
            }
            var last = results[^1];
            human.WriteLine($"{symbol,-16} {Describe(last, apply)}");
            foreach (var mismatch in last.Outcome?.Plan.Mismatches ?? [])
                human.WriteLine($"{"",-16}   {mismatch}");
        }

        var failed = results.Count(r => !Ok(r, apply));
        human.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count} file(s): {results.Count - failed} {(apply ? "repaired or already right" : "match the exchange")}, {failed} {(apply ? "not repaired" : "need attention")}; weight {exchange.Governor.WeightReserved:N0} in {exchange.Governor.Requests:N0} requests"));
        if (json)
            WriteJson(console.Out, data, results, apply, exchange.Governor.WeightReserved);
        return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    private static IEnumerable<string> Symbols(string data) =>
        Directory.EnumerateFiles(data, "*.csv")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(SymbolName.IsValid)
            .Order(StringComparer.Ordinal);

    /// <summary>verify --deep: nothing to repair. repair: the file is right now (nothing unrecognisable, nothing unreadable).</summary>
    private static bool Ok(Result r, bool apply) =>
        r.Error is null && (r.Outcome is null || (apply ? !r.Outcome.Unrecognisable : !r.Outcome.NeedsRepair));

    private static string Describe(Result r, bool apply)
    {
        if (r.Error is { } error)
            return $"ERROR: {error}";
        if (r.Outcome is not { } outcome)
            return "no candles";
        var ledger = outcome.HadLedger ? "" : " (no ledger)";
        if (outcome.Unrecognisable)
            return $"UNRECOGNISABLE{ledger}: {outcome.Plan.Describe()}";
        var repairs = Text.Repairs(SummaryRepairs.From(outcome)!);
        if (!outcome.NeedsRepair)
            return $"ok{ledger}: {outcome.Plan.Describe()}";
        return apply ? $"{repairs}{ledger}" : $"NEEDS REPAIR{ledger}: {outcome.Plan.Describe()}; candles repair would make: {repairs}";
    }

    private static void WriteJson(TextWriter output, string data, List<Result> results, bool apply, long weight)
    {
        var document = new
        {
            dataDirectory = Path.GetFullPath(data),
            ok = results.All(r => Ok(r, apply)),
            weightUsed = weight,
            symbols = results.Select(r => new
            {
                symbol = r.Symbol,
                ok = Ok(r, apply),
                hasLedger = r.Outcome?.HadLedger,
                rows = r.Outcome?.Rows,
                repairs = SummaryRepairs.From(r.Outcome),
                mismatches = r.Outcome?.Plan.Mismatches ?? [],
                error = r.Error,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, s_json));
    }

    private sealed record Result(string Symbol, AdoptionOutcome? Outcome, string? Error);
}
