namespace CandleFunctions.Storage.State;

/// <summary>What a sync must remember across restarts of the process.</summary>
/// <param name="BannedUntil">When the exchange's IP ban ends, if one was reported and has not been seen to end.</param>
public sealed record RunState(DateTimeOffset? BannedUntil)
{
    /// <summary>The state of a folder that has never been synced.</summary>
    public static readonly RunState Default = new(BannedUntil: null);
}
