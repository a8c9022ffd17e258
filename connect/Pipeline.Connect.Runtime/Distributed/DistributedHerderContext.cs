using Pipeline.Connect.Runtime.Storage;
using Pipeline.Connect.Runtime.Worker;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// What a distributed herder gives the worker it builds: where to report states, the shared
/// source offset store (offset.storage.topic) and the callback for a connector's
/// RequestTaskReconfiguration (any thread).
/// </summary>
public sealed record DistributedHerderContext(
    string WorkerId,
    IStatusListener StatusListener,
    IOffsetBackingStore OffsetStore,
    Action<string> RequestTaskReconfiguration);
