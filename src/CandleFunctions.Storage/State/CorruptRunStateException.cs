namespace CandleFunctions.Storage.State;

/// <summary>A run-state file that cannot be read.</summary>
public sealed class CorruptRunStateException : Exception
{
    public CorruptRunStateException(string path, string reason, Exception? innerException = null)
        : base($"{path}: cannot read the run state: {reason}. Fix or delete it (deleting forgets a pending IP ban).", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The run-state file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
