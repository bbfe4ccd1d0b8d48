namespace CandleFunctions.Storage;

/// <summary>
/// Another writer changed a symbol's data after its rows were read for a repair, so the repair was not written (it
/// would have overwritten rows it never saw). Often that writer was another process repairing the same file.
/// </summary>
public sealed class ChangedDuringRepairException(string message, Exception? innerException = null) : IOException(message, innerException);
