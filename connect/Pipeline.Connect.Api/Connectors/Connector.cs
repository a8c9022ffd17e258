using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Api.Connectors;

/// <summary>
/// The entry point of a plugin: it receives the user's config, splits the work into task configs
/// and is told to stop. It moves no data itself; its tasks do. Lifecycle: Initialize, Start,
/// TaskConfigs (again whenever it requests reconfiguration), Stop. A connector is created by its
/// parameterless constructor.
/// </summary>
public abstract class Connector : IVersioned
{
    private IConnectorContext? _context;

    /// <summary>The context given by <see cref="Initialize"/>.</summary>
    protected IConnectorContext Context => _context ?? throw new InvalidOperationException("the connector was not initialized");

    /// <inheritdoc/>
    public abstract string Version { get; }

    /// <summary>The task type to instantiate (a <see cref="Source.SourceTask"/> or <see cref="Sink.SinkTask"/> with a parameterless constructor).</summary>
    public abstract Type TaskType { get; }

    /// <summary>The settings this connector accepts (beyond the runtime's own, such as <c>tasks.max</c>).</summary>
    public abstract ConfigDef Config { get; }

    /// <summary>Called once before <see cref="Start"/>.</summary>
    public virtual void Initialize(IConnectorContext context) => _context = context;

    /// <summary>Starts with the user's config.</summary>
    public abstract void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>At most <paramref name="maxTasks"/> task configs; their number is the number of tasks run.</summary>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks);

    /// <summary>Stops; release what Start acquired.</summary>
    public abstract void Stop();

    /// <summary>
    /// Per-setting validation of a config (for <c>PUT /connector-plugins/{plugin}/config/validate</c>);
    /// the default checks types, required settings and validators of <see cref="Config"/>.
    /// Override to add checks across settings.
    /// </summary>
    public virtual IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> connectorConfigs) => Config.Validate(connectorConfigs);
}
