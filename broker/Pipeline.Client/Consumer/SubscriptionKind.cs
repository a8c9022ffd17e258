namespace Pipeline.Client.Consumer;

/// <summary>How the consumer got its partitions (Kafka's SubscriptionType).</summary>
internal enum SubscriptionKind
{
    None,

    /// <summary>Subscribe(topics): the group assigns.</summary>
    Topics,

    /// <summary>Subscribe(regex): the group assigns partitions of the matching topics.</summary>
    Pattern,

    /// <summary>Assign(partitions): no group membership.</summary>
    Manual,
}
