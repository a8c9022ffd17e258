using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker;
using Pipeline.Broker.Config;
using Pipeline.Testing.IO;

namespace Pipeline.Cli.Tests.Fixtures;

/// <summary>
/// One in-process broker (port 0, temp dir) shared by every in-process CLI test of the run; each
/// test uses its own topic and group names, so classes still run in parallel. Stopped at exit.
/// </summary>
public static class CliBroker
{
    private static readonly Lazy<Task<(BrokerServer Server, TempDirectory Dir)>> Broker = new(StartAsync);

    public static async Task<string> BootstrapAsync() => $"127.0.0.1:{(await Broker.Value).Server.BoundEndPoint.Port}";

    /// <summary>A name no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary><c>pipeline args... --bootstrap-server (the broker)</c>, in-process.</summary>
    public static async Task<CliRun> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public static async Task<CliRun> RunWithInputAsync(string? stdin, params string[] args) =>
        await CliRun.RunAsync([.. args, "--bootstrap-server", await BootstrapAsync()], stdin);

    private static async Task<(BrokerServer, TempDirectory)> StartAsync()
    {
        var dir = new TempDirectory("pipeline-cli-test");
        var properties = new Dictionary<string, string>
        {
            ["node.id"] = "1",
            ["process.roles"] = "broker,controller",
            ["listeners"] = "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0",
            ["controller.listener.names"] = "CONTROLLER",
            ["log.dirs"] = dir.Combine("data"),
            ["num.partitions"] = "1",
            ["auto.create.topics.enable"] = "true",
            ["group.initial.rebalance.delay.ms"] = "0",
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await BrokerServer.StartAsync(new BrokerConfig(properties), NullLoggerFactory.Instance, cancellationToken: timeout.Token);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            dir.Dispose();
        };
        return (server, dir);
    }
}
