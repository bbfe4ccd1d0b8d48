using System.Globalization;

namespace CandleFunctions.Core.RateLimiting;

/// <summary>One <c>x-mbx-used-weight-&lt;n&gt;&lt;unit&gt;</c> response header: the weight the IP used in the current window of that length.</summary>
public readonly record struct UsedWeightHeader(TimeSpan Window, int Used)
{
    private const string Prefix = "x-mbx-used-weight-";

    /// <summary>Reads a header name and value, e.g. <c>x-mbx-used-weight-6s</c> and <c>120</c>; null when either is not of that form.</summary>
    public static UsedWeightHeader? TryParse(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length < Prefix.Length + 2)
            return null;
        var suffix = name.AsSpan(Prefix.Length);
        if (!long.TryParse(suffix[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > 100_000)
            return null;
        TimeSpan? unit = char.ToLowerInvariant(suffix[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => null,
        };
        if (unit is not { } length || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var used))
            return null;
        return new UsedWeightHeader(length * count, used);
    }
}
