namespace CandleFunctions.Storage.Azure.Blob;

/// <summary>A short random pause before retrying a lost race, so two writers do not collide in lockstep.</summary>
internal static class ConflictBackoff
{
    public static Task WaitAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + 20 * Math.Min(attempt, 10))), cancellationToken);
}
