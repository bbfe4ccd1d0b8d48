using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CandleFunctions.Engine.Tests.Support;

/// <summary>
/// The repository's pinned Azurite serving blob, queue and table on three free loopback ports, in memory: the three
/// services the Durable Task engine's Azure Storage backend needs. One per test collection; each test uses its own task hub.
/// </summary>
public sealed class StorageEmulator : IAsyncLifetime
{
    // Azurite's well-known development account key (public, not a secret).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _log = new();
    private Process? _node;
    private int _blobPort;
    private int _queuePort;
    private int _tablePort;

    /// <summary>A connection string naming all three endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};"
        + $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is missing: run 'npm ci' in {RepositoryRoot.Path}.");
        _blobPort = FreePort();
        _queuePort = FreePort();
        _tablePort = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[script,
                     "--blobHost", "127.0.0.1", "--blobPort", Port(_blobPort),
                     "--queueHost", "127.0.0.1", "--queuePort", Port(_queuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(_tablePort),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose"])
            info.ArgumentList.Add(arg);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = 0;
        _node = new Process { StartInfo = info };
        _node.OutputDataReceived += (_, e) => Note(e.Data);
        _node.ErrorDataReceived += (_, e) => Note(e.Data);
        _node.Start();
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, _node.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            lock (_log)
                throw new InvalidOperationException($"Azurite did not start: {_log}");
        }

        void Note(string? line)
        {
            if (line is null)
                return;
            lock (_log)
                _log.AppendLine(line);
            if (line.Contains("successfully listen", StringComparison.Ordinal) && Interlocked.Increment(ref services) == 3)
                listening.TrySetResult();
        }
    }

    public Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
            _node.WaitForExit(5000);
        }
        _node?.Dispose();
        return Task.CompletedTask;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
