using System.Reflection;
using CandleFunctions.Engine.Tests.Support;
using Worker = Microsoft.Azure.Functions.Worker;
using WebJobs = Microsoft.Azure.WebJobs;
using WebJobsDurable = Microsoft.Azure.WebJobs.Extensions.DurableTask;

namespace CandleFunctions.Engine.Tests.Shims;

/// <summary>The shims cannot drift from the app: every durable function has exactly one shim of the same name and trigger kind.</summary>
public sealed class ShimCoverageTests
{
    [Fact]
    public void Every_durable_function_of_the_app_has_a_shim_with_the_same_name_and_trigger_kind()
    {
        var app = AppFunctions.Methods
            .Select(f => (Name: f.Key, Kind: AppTrigger(f.Value)))
            .Where(f => f.Kind is not null)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var shims = typeof(DurableShims).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttribute<WebJobs.FunctionNameAttribute>() is not null)
            .Select(m => (Name: m.GetCustomAttribute<WebJobs.FunctionNameAttribute>()!.Name, Kind: ShimTrigger(m)))
            .Where(f => f.Kind is not null)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(9, app.Count);
        Assert.Equal(app, shims);
    }

    [Fact]
    public void Every_shimmed_activity_takes_the_apps_input_type_as_its_first_parameter()
    {
        var activities = AppFunctions.Methods.Where(f => AppTrigger(f.Value) == "activity").ToList();

        Assert.NotEmpty(activities);
        Assert.All(activities, f => Assert.NotNull(f.Value.GetParameters()[0].GetCustomAttribute<Worker.ActivityTriggerAttribute>()));
    }

    private static string? AppTrigger(MethodInfo method) => Kind(method,
        typeof(Worker.OrchestrationTriggerAttribute), typeof(Worker.EntityTriggerAttribute), typeof(Worker.ActivityTriggerAttribute));

    private static string? ShimTrigger(MethodInfo method) => Kind(method,
        typeof(WebJobsDurable.OrchestrationTriggerAttribute), typeof(WebJobsDurable.EntityTriggerAttribute), typeof(WebJobsDurable.ActivityTriggerAttribute));

    private static string? Kind(MethodInfo method, Type orchestration, Type entity, Type activity)
    {
        var attributes = method.GetParameters().SelectMany(p => p.GetCustomAttributes()).Select(a => a.GetType()).ToList();
        return attributes.Contains(orchestration) ? "orchestration"
            : attributes.Contains(entity) ? "entity"
            : attributes.Contains(activity) ? "activity"
            : null;
    }
}
