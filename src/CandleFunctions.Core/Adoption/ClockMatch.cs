namespace CandleFunctions.Core.Adoption;

/// <summary>How well the sampled rows match the exchange when read in <paramref name="Clock"/>.</summary>
/// <param name="Clock">The clock the timestamps are read in.</param>
/// <param name="Matched">Sampled rows equal (numerically) to the exchange's candle at their UTC minute.</param>
/// <param name="Compared">Sampled rows whose UTC minute the exchange answered for.</param>
/// <param name="Open">
/// Sampled rows that differ only as the still-open minute does from the closed candle (same open, range inside,
/// less volume): the notebook's known artefact, repaired without doubting the rest of the file.
/// </param>
public sealed record ClockMatch(SourceClock Clock, long Matched, long Compared, long Open = 0)
{
    /// <summary>True when every compared row matched or was an open candle.</summary>
    public bool All => Compared > 0 && Matched + Open == Compared;

    /// <summary>Rows that differ for another reason.</summary>
    public long Wrong => Compared - Matched - Open;
}
