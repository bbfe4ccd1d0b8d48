namespace CandleFunctions.Storage.Verification;

/// <summary>How much a verification finding matters.</summary>
public enum VerificationSeverity
{
    /// <summary>Worth knowing, not wrong: the next sync deals with it.</summary>
    Info,

    /// <summary>The stored data is wrong or unreadable; <c>candles verify</c> exits non-zero.</summary>
    Error,
}
