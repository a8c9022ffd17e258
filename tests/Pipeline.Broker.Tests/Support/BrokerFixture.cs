using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Broker.Tests.Support;

/// <summary>
/// One in-process broker shared by all tests of a class (<c>IClassFixture&lt;T&gt;</c>). xunit runs
/// the tests of a class one at a time, but the broker outlives each of them: every test works on
/// topics of its own (<see cref="TestTopics.Unique"/>). Subclasses change the broker settings.
/// </summary>
public class BrokerFixture : IAsyncLifetime
{
    private InProcessBroker? _broker;

    public InProcessBroker Broker => _broker ?? throw new InvalidOperationException("the fixture was not initialized");

    public int NodeId => Broker.Server.Config.NodeId;

    /// <summary>Settings on top of <see cref="InProcessBroker"/>'s defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Properties => null;

    public Task<KafkaTestClient> ConnectAsync() => Broker.ConnectAsync();

    public async Task InitializeAsync() => _broker = await InProcessBroker.StartAsync(Properties);

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
