using Pipeline.Client.Metadata;

namespace Pipeline.Client.Admin;

public sealed record ClusterDescription(string? ClusterId, BrokerNode? Controller, IReadOnlyList<BrokerNode> Nodes);
