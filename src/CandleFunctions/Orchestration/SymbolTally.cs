using CandleFunctions.Activities;

namespace CandleFunctions.Orchestration;

/// <summary>What one symbol's activities cost, counted inside the orchestrator (plain data, so replay-safe).</summary>
public sealed class SymbolTally
{
    public long Weight { get; private set; }

    public long Requests { get; private set; }

    public int TooManyRequests { get; private set; }

    public int Bans { get; private set; }

    /// <summary>Adds a chunk's cost.</summary>
    public void Add(ChunkSummary chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Add(chunk.WeightSent, chunk.Requests, chunk.Feedback);
    }

    /// <summary>Adds the edge pages' cost.</summary>
    public void Add(EdgeSummary edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        Add(edges.WeightSent, edges.Requests, edges.Feedback);
    }

    private void Add(int weight, int requests, Weight.ExchangeFeedback feedback)
    {
        Weight += weight;
        Requests += requests;
        if (feedback.TooManyRequestsAt is not null)
            TooManyRequests++;
        if (feedback.BanAnswered)
            Bans++;
    }
}
