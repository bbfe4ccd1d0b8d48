namespace CandleFunctions.Core.RateLimiting;

/// <summary>
/// Running sums of the foreign weight <c>f</c> seen at positions <c>p</c> (0 to 1) of one window, enough for the
/// least-squares line <c>f = burst + rate × p</c>: one header's split between ours and foreign wobbles by a request
/// or two, and a fit over every header of the window averages that out.
/// </summary>
public sealed record ForeignFit(int Count, double SumP, double SumF, double SumPP, double SumPF)
{
    /// <summary>No header yet.</summary>
    public static ForeignFit Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Adds one header's foreign weight seen at position <paramref name="p"/>.</summary>
    public ForeignFit Add(double p, double f) => new(Count + 1, SumP + p, SumF + f, SumPP + (p * p), SumPF + (p * f));

    /// <summary>Whether there are enough headers, spread over at least <paramref name="minSpread"/> of the window (standard deviation), to tell a slope.</summary>
    public bool TellsRate(double minSpread)
    {
        if (Count < 3)
            return false;
        var meanP = SumP / Count;
        return (SumPP / Count) - (meanP * meanP) >= minSpread * minSpread;
    }

    /// <summary>The fitted burst (weight at the window's start) and rate (weight per whole window), both at least 0; <paramref name="knownRate"/> when the positions are too close together to tell a slope.</summary>
    public (double Burst, double Rate) Line(double knownRate, double minSpread)
    {
        if (Count == 0)
            return (0, knownRate);
        var meanP = SumP / Count;
        var meanF = SumF / Count;
        var spread = (SumPP / Count) - (meanP * meanP);
        var rate = knownRate;
        if (TellsRate(minSpread))
            rate = Math.Max(0, ((SumPF / Count) - (meanP * meanF)) / spread);
        return (Math.Max(0, meanF - (rate * meanP)), rate);
    }
}
