namespace CandleFunctions.Core.Adoption;

/// <summary>What the comparison with the exchange says about a candle file.</summary>
public enum AdoptionVerdict
{
    /// <summary>Every sampled row is the exchange's candle at its UTC minute: adopted as stored.</summary>
    Matches,

    /// <summary>Every sampled row matches once its timestamp is read in a local clock: rewritten in UTC.</summary>
    LocalTime,

    /// <summary>Most sampled rows match, some differ: those are replaced, and only verified rows are kept.</summary>
    PartlyWrong,

    /// <summary>The rows do not match the exchange under any clock: the file is left untouched.</summary>
    Unrecognisable,
}
