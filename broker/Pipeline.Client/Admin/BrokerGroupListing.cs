namespace Pipeline.Client.Admin;

/// <summary>One broker's answer to ListGroups (internal: the retry loop needs an error per broker).</summary>
internal sealed record BrokerGroupListing(int BrokerId, KafkaError Error, IReadOnlyList<GroupListing> Groups) : IAdminResult;
