using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CandleFunctions.Tests.Fakes;

/// <summary>A response kept in memory.</summary>
internal sealed class FakeHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    public string Text()
    {
        Body.Position = 0;
        return new StreamReader(Body).ReadToEnd();
    }
}
