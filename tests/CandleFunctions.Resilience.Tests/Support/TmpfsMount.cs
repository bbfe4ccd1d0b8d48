using System.Diagnostics;
using System.Globalization;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a folder (needs root, as on our machines and CI), to make a data folder full or
/// read-only for real; <see cref="TryMount"/> returns null where mounting is not allowed.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount? TryMount(string path, int kilobytes)
    {
        Directory.CreateDirectory(path);
        return Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kilobytes}k"), "tmpfs", path)
            ? new TmpfsMount(path)
            : null;
    }

    /// <summary>Makes the file system read-only (or writable again).</summary>
    public void SetReadOnly(bool readOnly) => Require(Run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path));

    /// <summary>Grows (or shrinks) the file system.</summary>
    public void Resize(int kilobytes) =>
        Require(Run("mount", "-o", string.Create(CultureInfo.InvariantCulture, $"remount,size={kilobytes}k"), Path));

    public void Dispose() => Run("umount", "-l", Path);

    private static void Require(bool ok)
    {
        if (!ok)
            throw new InvalidOperationException("remounting the test tmpfs failed");
    }

    private static bool Run(string command, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
