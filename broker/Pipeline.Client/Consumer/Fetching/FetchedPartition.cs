using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>One partition in a Fetch request: its state, the epoch and offset it was fetched at, its topic id.</summary>
internal readonly record struct FetchedPartition(PartitionState State, int Epoch, long Offset, Uuid TopicId);
