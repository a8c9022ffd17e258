using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Client.Producer;
using Pipeline.Testing.Brokers;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>Clients pointed at a test broker, with timeouts short enough for tests.</summary>
public static class ClientFactory
{
    public static AdminClient Admin(HostedBroker broker) =>
        new(AdminClientOptions.Default with { BootstrapServers = broker.BootstrapServers, DefaultApiTimeout = TimeSpan.FromSeconds(20) });

    public static ProducerOptions ProducerOptions(HostedBroker broker) =>
        Client.Config.ProducerOptions.Default with { BootstrapServers = broker.BootstrapServers, Linger = TimeSpan.FromMilliseconds(2), MaxBlock = TimeSpan.FromSeconds(20) };

    public static Producer<string, string> Producer(HostedBroker broker, Func<ProducerOptions, ProducerOptions>? configure = null) =>
        new((configure ?? (o => o))(ProducerOptions(broker)));
}
