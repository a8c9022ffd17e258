using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Broker.Config;
using Pipeline.Testing.IO;
using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>
/// A <see cref="BrokerServer"/> in the test process, on port-0 listeners and a temp log dir, with
/// its log captured (<see cref="Log"/>). <see cref="StopAsync"/> is a clean shutdown and
/// <see cref="RestartAsync"/> starts a new server on the same data. For crashes (kill -9) use
/// <see cref="Pipeline.Testing.Brokers.BrokerProcess"/>: an in-process broker cannot die without its host.
/// </summary>
public sealed class InProcessBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Dictionary<string, string> _properties;
    private readonly CapturedLog _log = new();
    private readonly ILoggerFactory _loggers;
    private BrokerServer? _server;

    private InProcessBroker(TempDirectory dir, Dictionary<string, string> properties)
    {
        _dir = dir;
        _properties = properties;
        _loggers = LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Debug));
    }

    public BrokerServer Server => _server ?? throw new InvalidOperationException("the broker is stopped");

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    public string BootstrapServers => $"{Host}:{Port}";

    public string LogDir => _properties["log.dirs"];

    public IReadOnlyDictionary<string, string> Properties => _properties;

    /// <summary>Everything the broker logged so far (all starts), for failure messages.</summary>
    public string Log => _log.Text;

    public bool IsRunning => _server is not null;

    public static async Task<InProcessBroker> StartAsync(IReadOnlyDictionary<string, string>? properties = null)
    {
        var dir = new TempDirectory("pipeline-inproc");
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

        var broker = new InProcessBroker(dir, all);
        try
        {
            await broker.LaunchAsync(all);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public Task<KafkaTestClient> ConnectAsync() => KafkaTestClient.ConnectAsync(Host, Port);

    /// <summary>Clean shutdown (listeners closed, logs flushed and closed).</summary>
    public async Task StopAsync()
    {
        if (_server is { } s)
        {
            _server = null;
            await s.DisposeAsync();
        }
    }

    /// <summary>Stops (if running) and starts a new server on the same data, on the same port when it is free.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var pinned = new Dictionary<string, string>(_properties)
        {
            ["listeners"] = _properties["listeners"].Replace("PLAINTEXT://127.0.0.1:0", $"PLAINTEXT://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal),
        };
        try
        {
            await LaunchAsync(pinned);
        }
        catch (IOException)
        {
            await LaunchAsync(_properties);
        }
        catch (System.Net.Sockets.SocketException)
        {
            await LaunchAsync(_properties);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _loggers.Dispose();
            _dir.Dispose();
        }
    }

    public override string ToString() => $"in-process broker {BootstrapServers} ({LogDir})";

    private async Task LaunchAsync(IReadOnlyDictionary<string, string> properties)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await BrokerServer.StartAsync(new BrokerConfig(properties), _loggers, cancellationToken: timeout.Token);
        Port = _server.BoundEndPoint.Port;
    }
}
