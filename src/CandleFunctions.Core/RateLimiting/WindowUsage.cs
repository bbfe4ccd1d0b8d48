namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// What is known about one server window: the weight we reserved in it, how much of that has landed (its
/// response came back), the highest used-weight header seen, and the foreign weight (other programs on
/// our IP) those headers showed: the first sighting and the most, with where in the window they were seen.
/// </summary>
/// <param name="Index">floor(server Unix time / window length).</param>
/// <param name="Reserved">Our weight charged to the window: in flight, landed or lost.</param>
/// <param name="Observed">The highest used-weight header credited to the window.</param>
/// <param name="Landed">Our weight in the window whose responses came back.</param>
/// <param name="Foreign">The most foreign weight seen so far: header minus our weight the server had counted.</param>
/// <param name="FirstSeenAt">Position in the window (0 to 1) of the first header, or null when none was seen.</param>
/// <param name="LastSeenAt">Position in the window (0 to 1) of the latest header.</param>
/// <param name="Fit">Running sums of (position, foreign weight) over every header, for a least-squares line.</param>
/// <param name="SureForeign">The most weight a header showed beyond all of ours charged to the window, in flight included: surely another program's.</param>
/// <param name="FirstForeign">The foreign weight the first header showed (at <paramref name="FirstSeenAt"/>).</param>
/// <param name="ProbedAt">Position in the window (0 to 1) of the latest probe granted in it, if any.</param>
public sealed record WindowUsage(
    long Index,
    int Reserved,
    int Observed,
    int Landed = 0,
    int Foreign = 0,
    double? FirstSeenAt = null,
    double LastSeenAt = 0,
    ForeignFit? Fit = null,
    int SureForeign = 0,
    int FirstForeign = 0,
    double? ProbedAt = null);
