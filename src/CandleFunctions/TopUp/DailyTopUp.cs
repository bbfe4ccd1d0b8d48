using System.Globalization;
using CandleFunctions.Hosting;
using CandleFunctions.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CandleFunctions.TopUp;

/// <summary>
/// Shortly after 00:00 UTC, tops every symbol up to the last closed minute. The instance id names the day, so a
/// repeated or overlapping trigger finds the day's instance and does nothing.
/// </summary>
public sealed class DailyTopUp(TimeProvider time, CandleFunctionsOptions options)
{
    /// <summary>Six-field NCRONTAB, UTC: 00:05:00 every day.</summary>
    public const string Schedule = "0 5 0 * * *";

    /// <summary>The day's instance id, e.g. <c>topup-20250102</c>.</summary>
    public static string InstanceIdFor(DateTimeOffset now) =>
        "topup-" + now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The function.</summary>
    [Function(nameof(DailyTopUp))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        await StartAsync(client, context.CancellationToken);
    }

    /// <summary>Schedules today's top-up unless today's instance exists; returns its id, or null when it already existed.</summary>
    public async Task<string?> StartAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = InstanceIdFor(time.GetUtcNow());
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is not null)
            return null;
        var input = new SyncInput(null, null, options.TopUpStart, null, TopUp: true);
        await client.ScheduleNewOrchestrationInstanceAsync(SyncOrchestrator.Name, input, new StartOrchestrationOptions(id), cancellationToken);
        return id;
    }
}
