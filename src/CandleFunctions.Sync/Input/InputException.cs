namespace CandleFunctions.Sync.Input;

/// <summary>Input a person gave that cannot be used; the message says what to change (the CLI exits 2, the app answers 400).</summary>
public sealed class InputException(string message) : Exception(message);
