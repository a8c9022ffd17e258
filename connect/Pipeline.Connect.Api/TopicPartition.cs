namespace Pipeline.Connect.Api;

/// <summary>A partition of a topic, as sink tasks see their assignment and offsets.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition number.</param>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Topic}-{Partition}";
}
