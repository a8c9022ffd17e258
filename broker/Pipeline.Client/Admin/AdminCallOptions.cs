namespace Pipeline.Client.Admin;

/// <summary>
/// Per-call settings of admin operations (Kafka's XxxOptions, merged): the deadline (null =
/// default.api.timeout.ms), and the flags the operations that have them honour.
/// </summary>
public sealed record AdminCallOptions
{
    public static AdminCallOptions Default { get; } = new();

    /// <summary>The whole operation, retries included, must finish within this.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>CreateTopics, CreatePartitions, AlterConfigs, IncrementalAlterConfigs: check only, change nothing.</summary>
    public bool ValidateOnly { get; init; }

    /// <summary>DescribeConfigs: include each entry's synonyms.</summary>
    public bool IncludeSynonyms { get; init; }

    /// <summary>DescribeConfigs: include each entry's documentation.</summary>
    public bool IncludeDocumentation { get; init; }

    /// <summary>ListTopics: include internal topics such as __consumer_offsets.</summary>
    public bool ListInternal { get; init; }
}
