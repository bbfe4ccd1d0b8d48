using System.Globalization;
using System.IO.Compression;
using System.Net;
using BinanceSimulator.Hosting;
using BinanceSimulator.Rest.Faults;
using BinanceSimulator.Rest.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace BinanceSimulator.Rest;

/// <summary>
/// Runs every REST request the way the exchange would: ban check, fault choice, weight admission,
/// the endpoint itself, then headers, latency and any fault on the wire. Delays use real time, never
/// the simulator clock, so a frozen test clock cannot stall responses.
/// </summary>
internal sealed class RestPipeline(RestOptions options, SimulatorClock clock, WeightLedger ledger, FaultInjector faults, RestCounters counters)
{
    public async Task HandleAsync(HttpContext context, RestEndpoint endpoint, int weight, Func<DateTimeOffset, RestReply> serve)
    {
        var now = clock.ServerNow;
        var nowMs = now.ToUnixTimeMilliseconds();
        var ip = ClientIp(context);
        var fault = ledger.BannedUntil(nowMs) is null ? faults.Next(endpoint) : null;
        var admission = ledger.Admit(nowMs, weight, countWeight: fault != RestFault.ServiceUnavailable, forceTooMany: fault == RestFault.TooManyRequests);

        RestReply reply;
        switch (admission.Outcome)
        {
            case AdmissionOutcome.Banned:
                fault = null;
                reply = RestErrors.Banned(ip, admission.BannedUntilMs);
                SetRetryAfter(context, admission.BannedUntilMs - nowMs);
                break;
            case AdmissionOutcome.TooManyRequests:
                if (fault is { } forced)
                    counters.RecordFault(forced);
                fault = null;
                reply = RestErrors.TooManyRequests(options, ip);
                SetRetryAfter(context, admission.WindowEndMs - nowMs);
                break;
            default:
                if (admission.Counted)
                    counters.RecordWeight(admission.WindowStartMs, weight);
                reply = fault switch
                {
                    RestFault.ServiceUnavailable => RestErrors.ServiceUnavailable(),
                    RestFault.UnknownError => RestErrors.UnknownError(),
                    _ => serve(now),
                };
                break;
        }

        var response = context.Response;
        response.StatusCode = reply.StatusCode;
        response.ContentType = "application/json";
        var body = Encode(context, fault, reply.Body);
        response.ContentLength = body.Length;
        response.Headers[options.UsedWeightHeader] = admission.UsedWeight.ToString(CultureInfo.InvariantCulture);
        response.Headers.Date = now.ToString("r", CultureInfo.InvariantCulture);

        if (fault is { } injected)
            counters.RecordFault(injected);
        try
        {
            await Task.Delay(faults.NextLatency(), context.RequestAborted);
            if (fault == RestFault.SlowResponse)
                await Task.Delay(options.Faults.SlowResponseDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            counters.RecordRequest(endpoint, 0);
            return;
        }

        switch (fault)
        {
            case RestFault.DropConnection:
                counters.RecordRequest(endpoint, 0);
                context.Abort();
                return;
            case RestFault.TruncatedBody:
                counters.RecordRequest(endpoint, reply.StatusCode);
                // Returning with fewer bytes than Content-Length makes Kestrel send what was written and then
                // close the connection; an immediate Abort() would discard the unsent part before it left.
                await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                return;
            default:
                counters.RecordRequest(endpoint, reply.StatusCode);
                await response.Body.WriteAsync(body, context.RequestAborted);
                return;
        }
    }

    /// <summary>
    /// The bytes on the wire, with Content-Encoding set when they are not the plain body: a cut body declares exactly
    /// what is sent (valid HTTP whose JSON ends mid-way), an undecodable one claims gzip over bytes that are not.
    /// </summary>
    private ReadOnlyMemory<byte> Encode(HttpContext context, RestFault? fault, byte[] plain)
    {
        if (fault == RestFault.UndecodableBody)
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return "<html><body>502 Bad Gateway</body></html>"u8.ToArray();
        }
        var body = fault == RestFault.CutBody ? plain.AsMemory(0, plain.Length / 2) : plain.AsMemory();
        if (!options.Compress || !AcceptsGzip(context.Request))
            return body;
        context.Response.Headers.ContentEncoding = "gzip";
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body.Span);
        return compressed.ToArray();
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));

    private void SetRetryAfter(HttpContext context, long remainingMs)
    {
        if (options.SendRetryAfter)
            context.Response.Headers.RetryAfter = Math.Max(1, (remainingMs + 999) / 1000).ToString(CultureInfo.InvariantCulture);
    }

    private static string ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
