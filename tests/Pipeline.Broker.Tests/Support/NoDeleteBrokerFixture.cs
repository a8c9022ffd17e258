namespace Pipeline.Broker.Tests.Support;

/// <summary>A shared broker with <c>delete.topic.enable=false</c>.</summary>
public sealed class NoDeleteBrokerFixture : BrokerFixture
{
    protected override IReadOnlyDictionary<string, string>? Properties { get; } = new Dictionary<string, string> { ["delete.topic.enable"] = "false" };
}
