using Pipeline.Broker.Tests.Support;

namespace Pipeline.Broker.Tests.Coordinators;

/// <summary>
/// A shared in-process broker tuned for group tests: a short initial rebalance delay (members that
/// join together land in one generation, as Kafka's 3 s delay intends) and sessions from 1 s.
/// </summary>
public sealed class GroupBrokerFixture : BrokerFixture
{
    public static readonly IReadOnlyDictionary<string, string> GroupProperties = new Dictionary<string, string>
    {
        ["group.initial.rebalance.delay.ms"] = "300",
        ["group.min.session.timeout.ms"] = "1000",
    };

    protected override IReadOnlyDictionary<string, string>? Properties => GroupProperties;
}
