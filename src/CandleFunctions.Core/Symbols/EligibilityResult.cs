namespace CandleFunctions.Core.Symbols;

/// <summary>Whether a symbol can be synced and, when it cannot, a sentence saying why.</summary>
public sealed record EligibilityResult(bool Syncable, string? Reason)
{
    /// <summary>The result for a syncable symbol.</summary>
    public static EligibilityResult Yes { get; } = new(true, null);

    /// <summary>A refusal with its reason.</summary>
    public static EligibilityResult No(string reason) => new(false, reason);
}
