using Microsoft.Azure.WebJobs.Host.Config;

namespace CandleFunctions.Engine.Tests.Shims;

/// <summary>The webhook base URL the Functions host would name; the engine needs one to build its management URLs.</summary>
internal sealed class FixedWebHookProvider : IWebHookProvider
{
    public Uri GetUrl(IExtensionConfigProvider extension) => new("http://127.0.0.1:7071/runtime/webhooks/durabletask");
}
