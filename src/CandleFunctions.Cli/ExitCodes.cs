namespace CandleFunctions.Cli;

/// <summary>Exit codes scripts can trust.</summary>
public static class ExitCodes
{
    /// <summary>All requested data is present.</summary>
    public const int Success = 0;

    /// <summary>Some symbols failed (the others were written), or another candles process holds the data folder (nothing was done).</summary>
    public const int SomeFailed = 1;

    /// <summary>Bad input, including a data folder that cannot be written: nothing was fetched.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by an IP ban or by the user; what was written is kept.</summary>
    public const int Stopped = 3;
}
