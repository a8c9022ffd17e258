namespace Pipeline.Client.Producer;

/// <summary>
/// A custom partitioner: picks a partition in [0, <paramref name="partitionCount"/>) for a record
/// of <paramref name="topic"/> from its serialized key (<paramref name="keyIsNull"/> for a null key).
/// </summary>
public delegate int PartitionerDelegate(string topic, int partitionCount, ReadOnlySpan<byte> keyData, bool keyIsNull);
