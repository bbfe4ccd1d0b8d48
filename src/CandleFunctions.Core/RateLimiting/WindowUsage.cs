namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// What is known about one server window: the weight we reserved in it and the highest used-weight
/// header seen for it (which includes other processes on the same IP).
/// </summary>
/// <param name="Index">floor(server Unix time / window length).</param>
public sealed record WindowUsage(long Index, int Reserved, int Observed)
{
    /// <summary>The weight to assume spent: neither source alone is complete.</summary>
    public int Effective => Math.Max(Reserved, Observed);
}
