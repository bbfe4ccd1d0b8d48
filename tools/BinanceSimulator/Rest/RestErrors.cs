using System.Globalization;

namespace BinanceSimulator.Rest;

/// <summary>The exchange's error replies, with its codes and wording.</summary>
public static class RestErrors
{
    public static RestReply InvalidSymbol() => RestReply.Error(400, -1121, "Invalid symbol.");

    public static RestReply InvalidInterval() => RestReply.Error(400, -1120, "Invalid interval.");

    public static RestReply MandatoryParameter(string name) =>
        RestReply.Error(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    public static RestReply IllegalCharacters(string name) =>
        RestReply.Error(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    public static RestReply InvalidParameter(string name) =>
        RestReply.Error(400, -1130, $"Data sent for parameter '{name}' is not valid.");

    public static RestReply StartAfterEnd() => RestReply.Error(400, -1023, "Start time is greater than end time.");

    public static RestReply TooManyRequests(RestOptions options, string ip) => RestReply.Error(429, -1003,
        $"Too many requests; current limit of IP({ip}) is {options.WeightLimit.ToString(CultureInfo.InvariantCulture)} requests per {Per(options)}. Please use the websocket for live updates to avoid bans.");

    public static RestReply Banned(string ip, long untilMs) => RestReply.Error(418, -1003,
        $"Way too many requests; IP({ip}) banned until {untilMs.ToString(CultureInfo.InvariantCulture)}. Please use the websocket for live updates to avoid bans.");

    /// <summary>Failure before execution: the weight is not counted.</summary>
    public static RestReply ServiceUnavailable() => RestReply.Error(503, -1001, "Service Unavailable.");

    /// <summary>Execution status unknown: the weight is counted.</summary>
    public static RestReply UnknownError() => RestReply.Error(503, -1000, "Unknown error, please check your request or try again later.");

    private static string Per(RestOptions options)
    {
        var unit = options.Interval.ToLowerInvariant();
        return options.IntervalNum == 1 ? unit : $"{options.IntervalNum.ToString(CultureInfo.InvariantCulture)} {unit}s";
    }
}
