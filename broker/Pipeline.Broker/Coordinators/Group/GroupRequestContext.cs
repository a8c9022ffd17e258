namespace Pipeline.Broker.Coordinators.Group;

/// <summary>What the coordinator keeps from a request besides its body: who sent it and at which version.</summary>
/// <param name="ClientHost">Kafka's form, e.g. <c>/127.0.0.1</c>.</param>
public sealed record GroupRequestContext(string ClientId, string ClientHost, short ApiVersion);
