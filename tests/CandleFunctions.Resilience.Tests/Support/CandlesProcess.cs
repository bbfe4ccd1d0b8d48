using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>The real <c>candles</c> command as a child process (<c>dotnet candles.dll ...</c>), with its output collected line by line.</summary>
public sealed partial class CandlesProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private CandlesProcess(Process process) => _process = process;

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static CandlesProcess Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.CandlesDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Blob settings of the developer's shell must not leak into a local-folder test.
        start.Environment.Remove("CANDLES_BLOB_CONNECTION");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var candles = new CandlesProcess(process);
        process.OutputDataReceived += (_, e) => candles.Collect(candles._output, e.Data);
        process.ErrorDataReceived += (_, e) => candles.Collect(candles._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return candles;
    }

    /// <summary>Runs to the end (or fails the test after <paramref name="timeout"/>).</summary>
    public static async Task<CandlesExit> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        using var candles = Start(args);
        return await candles.WaitAsync(timeout);
    }

    /// <summary>Completes when a line of stdout or stderr matches; false if the process ends or the time runs out first.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_output.ToString().Split('\n').Concat(_error.ToString().Split('\n')).Any(match))
                return true;
            _waiters.Add((match, seen));
        }
        var first = await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        return first == seen.Task || seen.Task.IsCompleted;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself first.
        }
    }

    /// <summary>Sends <paramref name="signal"/> (SIGINT 2, as Ctrl+C does; SIGTERM 15, as a service manager does).</summary>
    public void Send(int signal)
    {
        if (Signal(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit and returns the code and all output.</summary>
    public async Task<CandlesExit> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"candles did not finish within {timeout.TotalSeconds} s:\n{Text(_output)}\n{Text(_error)}");
        }
        // WaitForExit without a timeout also waits for the redirected streams to drain.
        _process.WaitForExit();
        return new CandlesExit(_process.ExitCode, Text(_output), Text(_error));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Collect(StringBuilder sink, string? line)
    {
        if (line is null)
            return;
        lock (_waiters)
        {
            sink.AppendLine(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private string Text(StringBuilder sink)
    {
        lock (_waiters)
            return sink.ToString();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Signal(int pid, int signal);
}
