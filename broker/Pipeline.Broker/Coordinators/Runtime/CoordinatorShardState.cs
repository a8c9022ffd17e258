namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>Life of a shard: Loading until its log is replayed, then Active; Failed when the load failed; Closed once unloaded.</summary>
public enum CoordinatorShardState
{
    Loading,
    Active,
    Failed,
    Closed,
}
