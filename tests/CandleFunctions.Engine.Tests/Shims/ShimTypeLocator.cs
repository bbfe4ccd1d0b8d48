using Microsoft.Azure.WebJobs;

namespace CandleFunctions.Engine.Tests.Shims;

/// <summary>Tells the WebJobs host where its functions are: the shims, and nothing else of the test assembly.</summary>
internal sealed class ShimTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(DurableShims)];
}
