namespace CandleFunctions.Orchestration;

/// <summary>Tuning the orchestrators receive as data (they may not read configuration themselves).</summary>
/// <param name="MaxConcurrentSymbols">Symbol sub-orchestrations running at once (the next starts as one ends).</param>
/// <param name="MaxWaveWeight">Most weight one wave asks for; the entity grants what the window has left, in whole pages.</param>
/// <param name="PagesPerChunk">klines pages one chunk activity fetches, one after the other.</param>
/// <param name="MergeEveryPages">Staged pages after which the merge activity commits them.</param>
/// <param name="MaxActivityAttempts">Attempts of an activity that fails transiently (the RetryPolicy).</param>
/// <param name="MaxRounds">Waves a symbol may spend re-asking for weight (after 429s or expired grants) before giving up.</param>
public sealed record OrchestrationLimits(
    int MaxConcurrentSymbols = 8,
    int MaxWaveWeight = 240,
    int PagesPerChunk = 16,
    int MergeEveryPages = 60,
    int MaxActivityAttempts = 4,
    int MaxRounds = 10_000)
{
    /// <summary>Whether symbols take whole months and days from the public archive before REST.</summary>
    public bool UseArchive { get; init; }

    /// <summary>REST waves one symbol keeps open at once, each under its own grant, so grant round trips overlap.</summary>
    public int WavesInFlight { get; init; } = 2;

    /// <summary>Archive file activities run at once for one symbol (they cost no weight, so no grant bounds them).</summary>
    public int MaxArchiveFilesPerWave { get; init; } = 8;
}
