using System.Text.RegularExpressions;

namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>Removes NextMarker from S3 listings, as S3 does when no delimiter is given, to exercise the last-key fallback.</summary>
internal sealed partial class NextMarkerStrippingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Content = new StringContent(NextMarker().Replace(body, ""), System.Text.Encoding.UTF8, "application/xml");
        return response;
    }

    [GeneratedRegex("<NextMarker>[^<]*</NextMarker>")]
    private static partial Regex NextMarker();
}
