using System.Runtime.InteropServices;

namespace CandleFunctions.Bench;

/// <summary>CPU time (user + system) of this process's reaped children, from getrusage(RUSAGE_CHILDREN).</summary>
internal static partial class ChildCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan Total() => User() + System();

    /// <summary>The system (kernel) part of <see cref="Total"/>: file and socket calls, fsync, page faults.</summary>
    public static TimeSpan System() =>
        OperatingSystem.IsLinux() && GetRusage(RusageChildren, out var usage) == 0 ? Seconds(usage.SystemSeconds, usage.SystemMicroseconds) : TimeSpan.Zero;

    private static TimeSpan User() =>
        OperatingSystem.IsLinux() && GetRusage(RusageChildren, out var usage) == 0 ? Seconds(usage.UserSeconds, usage.UserMicroseconds) : TimeSpan.Zero;

    private static TimeSpan Seconds(long seconds, long microseconds) =>
        TimeSpan.FromSeconds(seconds) + TimeSpan.FromMicroseconds(microseconds);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }
}
