using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CandleFunctions.Tests.Support;

/// <summary>The repository's pinned Azurite (node_modules) serving blobs on 127.0.0.1 and a free port, shared by a test collection.</summary>
public sealed class Azurite : IAsyncLifetime
{
    // Azurite's well-known development account key (public, not a secret).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _log = new();
    private Process? _node;

    public int Port { get; private set; }

    /// <summary>A connection string for the emulator's blob endpoint.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is missing: run 'npm ci' in {RepositoryRoot.Path}.");
        Port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = System.IO.Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[script, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose"])
            info.ArgumentList.Add(arg);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _node = new Process { StartInfo = info };
        _node.OutputDataReceived += (_, e) => Note(e.Data, listening);
        _node.ErrorDataReceived += (_, e) => Note(e.Data, listening);
        _node.Start();
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, _node.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != listening.Task)
        {
            lock (_log)
                throw new InvalidOperationException($"Azurite did not start on port {Port}: {_log}");
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

    private void Note(string? line, TaskCompletionSource listening)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
        if (line.Contains("successfully listens", StringComparison.Ordinal))
            listening.TrySetResult();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
