namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// A worker's JoinGroup metadata (Kafka's ExtendedWorkerState): its REST URL, the config offset it
/// has read to and (incremental protocols) everything it currently runs, so a new leader knows the
/// cluster's assignment.
/// </summary>
public sealed record WorkerMetadata(string Url, long ConfigOffset, ConnectAssignment? Assignment);
