using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CandleFunctions.Tests.Fakes;

/// <summary>A function context whose services hold the worker's JSON serializer, which the check-status response needs.</summary>
internal sealed class FakeFunctionContext : FunctionContext
{
    public override string InvocationId => "invocation";

    public override string FunctionId => "function";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection()
        .Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer())
        .BuildServiceProvider();

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();
}
