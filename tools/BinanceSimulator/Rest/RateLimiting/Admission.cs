namespace BinanceSimulator.Rest.RateLimiting;

/// <summary>The rate limiter's verdict on one request, with the figures the response reports.</summary>
/// <param name="UsedWeight">Weight used in the current window after this request.</param>
/// <param name="Counted">Whether this request's weight was added to the window.</param>
public readonly record struct Admission(
    AdmissionOutcome Outcome,
    int UsedWeight,
    bool Counted,
    long WindowStartMs,
    long WindowEndMs,
    long BannedUntilMs);
