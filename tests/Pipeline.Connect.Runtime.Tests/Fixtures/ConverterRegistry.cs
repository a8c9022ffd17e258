using Pipeline.SchemaRegistry;
using Pipeline.Testing.Brokers;

namespace Pipeline.Connect.Runtime.Tests.Fixtures;

/// <summary>A real schema registry (port 0, own store topic and group) on the shared in-process broker (<see cref="Pipeline.Testing.Brokers.HostedBroker"/>), one per test class.</summary>
public sealed class ConverterRegistry : IAsyncLifetime
{
    private SchemaRegistryServer? _server;

    public string Url => _server?.Url ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var options = SchemaRegistryOptions.Default with
        {
            BootstrapServers = await HostedBroker.SharedBootstrapServersAsync(),
            Listeners = [new Uri("http://127.0.0.1:0")],
            HostName = "127.0.0.1",
            Topic = "_schemas-" + unique,
            GroupId = "schema-registry-" + unique,
            TopicReplicationFactor = 1,
        };
        _server = await SchemaRegistryServer.StartAsync(options);
        if (!await _server.WaitForLeaderAsync(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("no registry primary elected within 30 s");
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
