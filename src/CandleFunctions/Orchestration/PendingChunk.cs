using CandleFunctions.Core.Planning;

namespace CandleFunctions.Orchestration;

/// <summary>A chunk waiting for a wave: its pages and how many times it was handed back already.</summary>
public sealed record PendingChunk(int Index, IReadOnlyList<KlinePage> Pages, int Rounds)
{
    /// <summary>The weight its pages cost.</summary>
    public int Weight => Pages.Sum(p => p.Weight);
}
