using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CandleFunctions.Tests.Fakes;

/// <summary>A POST with a body, as the HTTP trigger hands it over.</summary>
internal sealed class FakeHttpRequest(FunctionContext context, string body) : HttpRequestData(context)
{
    public override Stream Body { get; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies => [];

    public override Uri Url { get; } = new("http://localhost:7071/api/sync");

    public override IEnumerable<ClaimsIdentity> Identities => [];

    public override string Method => "POST";

    public override HttpResponseData CreateResponse() => new FakeHttpResponse(FunctionContext);
}
