namespace CandleFunctions.Cli.Tests.Support;

/// <summary>Waits for a condition another task brings about (a synchronisation point, not a timing assertion).</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting until {what}.");
            await Task.Delay(5);
        }
    }
}
