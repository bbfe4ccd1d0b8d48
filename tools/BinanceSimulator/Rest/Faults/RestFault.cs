namespace BinanceSimulator.Rest.Faults;

/// <summary>A misbehaviour the simulator can inject into one REST response.</summary>
public enum RestFault
{
    /// <summary>HTTP 503 "Service Unavailable."; the request's weight is not counted.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 503 "Unknown error, please check your request or try again later."; the weight is counted.</summary>
    UnknownError,

    /// <summary>The connection is aborted before any response byte; the weight is counted.</summary>
    DropConnection,

    /// <summary>The normal response, sent only after <see cref="FaultOptions.SlowResponseDelay"/>.</summary>
    SlowResponse,

    /// <summary>Status and headers, then part of the body, then the connection is aborted; the weight is counted.</summary>
    TruncatedBody,

    /// <summary>200 with only the first half of the body and a Content-Length that matches it: valid HTTP, invalid JSON; the weight is counted.</summary>
    CutBody,

    /// <summary>
    /// 200 declaring <c>Content-Encoding: gzip</c> over bytes that are not gzip (a proxy's page under the exchange's
    /// headers, or damage on the way): a decompressing client cannot read the body; the weight is counted.
    /// </summary>
    UndecodableBody,

    /// <summary>HTTP 429 -1003 as if the window were full (forced only); counts toward a ban like any 429.</summary>
    TooManyRequests,
}
