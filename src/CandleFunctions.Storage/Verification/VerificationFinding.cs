namespace CandleFunctions.Storage.Verification;

/// <summary>One kind of problem found in a symbol's files, how often, and where it first showed.</summary>
/// <param name="Severity">Whether it makes the verification fail.</param>
/// <param name="Issue">What kind of problem it is.</param>
/// <param name="Count">How many rows (or minutes, for <see cref="VerificationIssue.NotYetSynced"/>) it concerns.</param>
/// <param name="Detail">A sentence a person can act on, with the first examples (line numbers are 1-based, the header is line 1).</param>
public sealed record VerificationFinding(VerificationSeverity Severity, VerificationIssue Issue, long Count, string Detail);
