namespace Pipeline.Broker.Tests.Support;

/// <summary>A shared broker with <c>auto.create.topics.enable=false</c>.</summary>
public sealed class NoAutoCreateBrokerFixture : BrokerFixture
{
    protected override IReadOnlyDictionary<string, string>? Properties { get; } = new Dictionary<string, string> { ["auto.create.topics.enable"] = "false" };
}
