namespace Pipeline.Broker.Tests.Support;

/// <summary>A shared broker with <c>num.partitions=3</c>, so that "the default" is visible.</summary>
public sealed class ThreePartitionBrokerFixture : BrokerFixture
{
    protected override IReadOnlyDictionary<string, string>? Properties { get; } = new Dictionary<string, string> { ["num.partitions"] = "3" };
}
