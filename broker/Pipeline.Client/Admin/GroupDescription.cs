using Pipeline.Client.Metadata;

namespace Pipeline.Client.Admin;

/// <summary>A described group. A group the coordinator does not know comes back as state "Dead" with no error (Kafka's behaviour).</summary>
public sealed record GroupDescription(
    string GroupId,
    KafkaError Error,
    string State,
    string ProtocolType,
    string Protocol,
    IReadOnlyList<GroupMemberDescription> Members,
    BrokerNode? Coordinator) : IAdminResult;
