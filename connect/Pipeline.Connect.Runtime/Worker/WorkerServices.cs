using Microsoft.Extensions.Logging;
using Pipeline.Client.Admin;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>What every connector and task of a worker shares (all thread-safe).</summary>
internal sealed record WorkerServices(
    WorkerConfig Config,
    PluginRegistry Plugins,
    IAdminClient Admin,
    IOffsetBackingStore OffsetStore,
    IStatusListener Listener,
    ILoggerFactory Loggers,
    TimeProvider Time);
