using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>
/// The repository's pinned Azurite (node_modules) on free loopback ports, in memory. A port found free can be taken by
/// another test process before Azurite binds it (several test assemblies start their own at once), so a start that
/// fails is tried again on new ports.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    // Azurite's well-known development account key (public, not a secret).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int Attempts = 3;

    private readonly Process _node;

    private AzuriteProcess(Process node, int blobPort, int? queuePort, int? tablePort)
    {
        _node = node;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int? QueuePort { get; }

    public int? TablePort { get; }

    /// <summary>A connection string naming every endpoint this Azurite serves.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;"
        + (QueuePort is { } queue ? $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" : "")
        + (TablePort is { } table ? $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;" : "");

    /// <summary>Starts the blob service alone, or with <paramref name="queueAndTable"/> all three (the Durable Task engine needs them).</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed, or did not start in <see cref="Attempts"/> tries.</exception>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, bool queueAndTable, TimeSpan timeout)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", queueAndTable ? "azurite.js" : Path.Combine("blob", "main.js"));
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {repositoryRoot} (scripts/test.sh does).");
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var started = await TryStartAsync(script, queueAndTable, timeout, failures);
            if (started is not null)
                return started;
        }
        throw new InvalidOperationException($"Azurite did not start in {Attempts} tries: {failures}");
    }

    public void Dispose()
    {
        Stop(_node);
        _node.Dispose();
    }

    private static async Task<AzuriteProcess?> TryStartAsync(string script, bool queueAndTable, TimeSpan timeout, StringBuilder failures)
    {
        var blob = FreePort();
        int? queue = queueAndTable ? FreePort() : null;
        int? table = queueAndTable ? FreePort() : null;
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        Add(info, "blob", blob);
        if (queue is { } q)
            Add(info, "queue", q);
        if (table is { } t)
            Add(info, "table", t);
        foreach (var flag in (string[])["--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose"])
            info.ArgumentList.Add(flag);

        var services = queueAndTable ? 3 : 1;
        var listening = 0;
        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = new Process { StartInfo = info };
        node.OutputDataReceived += (_, e) => Note(e.Data);
        node.ErrorDataReceived += (_, e) => Note(e.Data);
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var first = await Task.WhenAny(ready.Task, node.WaitForExitAsync(), Task.Delay(timeout));
        if (first == ready.Task)
            return new AzuriteProcess(node, blob, queue, table);

        Stop(node);
        node.Dispose();
        lock (log)
            failures.AppendLine(CultureInfo.InvariantCulture, $"[blob port {blob}] {log}");
        return null;

        void Note(string? line)
        {
            if (line is null)
                return;
            lock (log)
                log.AppendLine(line);
            if (line.Contains("successfully listen", StringComparison.Ordinal) && Interlocked.Increment(ref listening) == services)
                ready.TrySetResult();
        }
    }

    private static void Add(ProcessStartInfo info, string service, int port)
    {
        info.ArgumentList.Add($"--{service}Host");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add($"--{service}Port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
    }

    private static void Stop(Process node)
    {
        try
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
                node.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
