using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Testing.IO;
using Pipeline.Testing.Kafka;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.Testing.Brokers;

/// <summary>
/// A single-node broker (<c>pipeline broker --config server.properties</c>) in its own process,
/// with its own temp directory and port-0 listeners. <see cref="StopAsync"/> is SIGTERM,
/// <see cref="Kill"/> is SIGKILL; <see cref="RestartAsync"/> starts it again on the same data and,
/// when it is still free, the same port. Disposing kills it and deletes the directory.
/// </summary>
public sealed partial class BrokerProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir;
    private readonly Dictionary<string, string> _properties;
    private readonly ITestOutputHelper? _output;
    private readonly StringBuilder _history = new();
    private RunningProcess? _process;
    private int _incarnation;

    private BrokerProcess(TempDirectory dir, Dictionary<string, string> properties, ITestOutputHelper? output)
    {
        _dir = dir;
        _properties = properties;
        _output = output;
    }

    public string Host { get; private set; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>"127.0.0.1:port", what clients take as bootstrap.servers.</summary>
    public string BootstrapServers => $"{Host}:{Port}";

    public string DataDirectory => _dir.Path;

    /// <summary>The (single) log.dirs entry: partition directories live here.</summary>
    public string LogDir => _properties["log.dirs"];

    public string ConfigPath => _dir.Combine("server.properties");

    public IReadOnlyDictionary<string, string> Properties => _properties;

    public bool IsRunning => _process is { HasExited: false };

    public RunningProcess Process => _process ?? throw new InvalidOperationException("the broker is not started");

    /// <summary>Output of every start so far, for failure messages.</summary>
    public string Output => _history + (_process?.Output ?? "");

    /// <summary>Starts a broker. <paramref name="properties"/> override or extend the defaults
    /// (node.id=1, both roles, port-0 listeners, log.dirs in a temp dir, 1 partition, auto-create on).</summary>
    public static async Task<BrokerProcess> StartAsync(IReadOnlyDictionary<string, string>? properties = null, ITestOutputHelper? output = null, CancellationToken cancellationToken = default)
    {
        var dir = new TempDirectory("pipeline-broker");
        var all = new Dictionary<string, string>
        {
            ["node.id"] = "1",
            ["process.roles"] = "broker,controller",
            ["listeners"] = "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0",
            ["controller.listener.names"] = "CONTROLLER",
            ["log.dirs"] = dir.Combine("data"),
            ["num.partitions"] = "1",
            ["auto.create.topics.enable"] = "true",
        };
        foreach (var (k, v) in properties ?? new Dictionary<string, string>())
        {
            all[k] = v;
        }

        var broker = new BrokerProcess(dir, all, output);
        try
        {
            await broker.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A raw-protocol client connected to this broker.</summary>
    public Task<KafkaTestClient> ConnectAsync(CancellationToken cancellationToken = default) =>
        KafkaTestClient.ConnectAsync(Host, Port, cancellationToken);

    /// <summary>SIGTERM, then waits for a clean exit; returns the exit code (0 expected).</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken = default)
    {
        var p = Process;
        return await p.StopAsync(StopTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill() => Process.Kill();

    /// <summary>Starts again on the same data directory; stops the running process first (SIGTERM).
    /// Keeps the port when it can be bound again, otherwise takes a new one (see <see cref="Port"/>).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
        }

        var previousPort = Port;
        var listeners = _properties["listeners"];
        try
        {
            _properties["listeners"] = PlaintextPortZero().Replace(listeners, $"${{1}}{previousPort.ToString(CultureInfo.InvariantCulture)}");
            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ProcessFailedException)
            {
                // The port was taken meanwhile (or the start failed for another reason, which the retry shows).
            }

            _properties["listeners"] = listeners;
            await LaunchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _properties["listeners"] = listeners;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill();
            Retire();
        }

        if (_output is not null)
        {
            try
            {
                _output.WriteLine($"--- broker output ({DataDirectory}) ---\n{_history}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished: its output helper no longer accepts lines.
            }
        }

        _dir.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public override string ToString() => $"broker {BootstrapServers} ({DataDirectory})";

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            Retire();
        }

        WriteConfig();
        _incarnation++;
        _process = ProcessRunner.Start(PipelineExecutable.Spec(["broker", "--config", ConfigPath], DataDirectory));
        try
        {
            await _process.WaitForLineAsync(l => l.StartsWith("pipeline: ready", StringComparison.Ordinal), StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException)
        {
            _process.Kill();
            throw;
        }

        var controllerNames = _properties.TryGetValue("controller.listener.names", out var names) ? names.Split(',', StringSplitOptions.TrimEntries) : [];
        foreach (var line in _process.Lines)
        {
            var m = ListeningLine().Match(line.Text);
            if (m.Success && !controllerNames.Contains(m.Groups[1].Value))
            {
                Host = m.Groups[2].Value;
                Port = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                return;
            }
        }

        _process.Kill();
        throw new ProcessFailedException("the broker said it was ready but printed no client listener", _process);
    }

    private void Retire()
    {
        _history.Append(CultureInfo.InvariantCulture, $"=== start #{_incarnation} (pid {_process!.Id}) ===\n").Append(_process.Output).Append('\n');
        _process.Dispose();
        _process = null;
    }

    private void WriteConfig()
    {
        var sb = new StringBuilder("# written by Pipeline.Testing.Brokers.BrokerProcess\n");
        foreach (var (k, v) in _properties)
        {
            sb.Append(k).Append('=').Append(v).Append('\n');
        }

        File.WriteAllText(ConfigPath, sb.ToString());
    }

    [GeneratedRegex(@"listening on ([A-Za-z0-9_]+)://\[?([^\]\s]+?)\]?:(\d+)")]
    private static partial Regex ListeningLine();

    // The PLAINTEXT listener's port 0, to pin it to the previous port on restart.
    [GeneratedRegex(@"(PLAINTEXT://[^,:]+:)0\b")]
    private static partial Regex PlaintextPortZero();
}
