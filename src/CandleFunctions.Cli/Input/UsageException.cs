namespace CandleFunctions.Cli.Input;

/// <summary>Bad input from the user: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
