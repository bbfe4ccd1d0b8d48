namespace CandleFunctions.Core.Adoption;

/// <summary>How well the sampled rows match the exchange when read in <paramref name="Clock"/>.</summary>
/// <param name="Clock">The clock the timestamps are read in.</param>
/// <param name="Matched">Sampled rows equal (numerically) to the exchange's candle at their UTC minute.</param>
/// <param name="Compared">Sampled rows whose UTC minute the exchange answered for.</param>
public sealed record ClockMatch(SourceClock Clock, long Matched, long Compared)
{
    /// <summary>True when every compared row matched.</summary>
    public bool All => Compared > 0 && Matched == Compared;
}
