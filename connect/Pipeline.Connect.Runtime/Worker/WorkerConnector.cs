using Microsoft.Extensions.Logging;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// One connector instance and its lifecycle: started while the target is STARTED, stopped (but
/// kept) while PAUSED or STOPPED, as Kafka's WorkerConnector. Calls come from the herder (one at a
/// time, under the worker's lock); a throw marks the connector FAILED and is not rethrown.
/// </summary>
internal sealed class WorkerConnector
{
    private readonly IStatusListener _listener;
    private readonly ILogger _logger;
    private IReadOnlyDictionary<string, string> _config;
    private bool _started;

    public WorkerConnector(string name, Connector connector, IReadOnlyDictionary<string, string> config, IStatusListener listener, ILogger logger)
    {
        Name = name;
        Connector = connector;
        _config = config;
        _listener = listener;
        _logger = logger;
    }

    public string Name { get; }

    public Connector Connector { get; }

    public bool IsSink => Connector is Api.Sink.SinkConnector;

    public bool Failed { get; private set; }

    public TargetState Target { get; private set; } = TargetState.Stopped;

    public bool Initialize(IConnectorContext context, IOffsetStorageReader offsets)
    {
        IConnectorContext wrapped = IsSink ? new Context(this, context) : new SourceContext(this, context, offsets);
        return Run(() => Connector.Initialize(wrapped));
    }

    /// <summary>Moves to <paramref name="target"/> (starting or stopping the instance); false when that failed.</summary>
    public bool TransitionTo(TargetState target)
    {
        var previous = Target;
        Target = target;
        if (Failed)
        {
            return false;
        }

        if (target == TargetState.Started)
        {
            if (_started)
            {
                return true;
            }

            if (!Run(() => Connector.Start(_config)))
            {
                return false;
            }

            _started = true;
            if (previous == TargetState.Started)
            {
                _listener.OnConnectorStartup(Name);
            }
            else
            {
                _listener.OnConnectorRunning(Name);
            }

            return true;
        }

        if (_started)
        {
            _started = false;
            if (!Run(Connector.Stop))
            {
                return false;
            }
        }

        if (target == TargetState.Paused)
        {
            _listener.OnConnectorPause(Name);
        }
        else
        {
            _listener.OnConnectorStopped(Name);
        }

        return true;
    }

    /// <summary>Starts for the first time in <paramref name="target"/>.</summary>
    public bool Start(TargetState target)
    {
        Target = TargetState.Started;
        return TransitionTo(target);
    }

    public IReadOnlyDictionary<string, string> Config => _config;

    public void UpdateConfig(IReadOnlyDictionary<string, string> config) => _config = config;

    public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        using var scope = PluginRegistry.EnterContext(Connector);
        return Connector.TaskConfigs(maxTasks);
    }

    public void Shutdown()
    {
        if (_started)
        {
            _started = false;
            Run(Connector.Stop);
        }

        if (!Failed)
        {
            _listener.OnConnectorShutdown(Name);
        }
    }

    private bool Run(Action action)
    {
        try
        {
            using var scope = PluginRegistry.EnterContext(Connector);
            action();
            return true;
        }
        catch (Exception e)
        {
            Fail(e);
            return false;
        }
    }

    private void Fail(Exception e)
    {
        _logger.LogError(e, "Connector {Connector} failed", Name);
        Failed = true;
        _listener.OnConnectorFailure(Name, e.ToString());
    }

    private class Context(WorkerConnector owner, IConnectorContext inner) : IConnectorContext
    {
        public void RequestTaskReconfiguration() => inner.RequestTaskReconfiguration();

        public void RaiseError(Exception error)
        {
            owner.Fail(error);
            inner.RaiseError(error);
        }
    }

    private sealed class SourceContext(WorkerConnector owner, IConnectorContext inner, IOffsetStorageReader reader) : Context(owner, inner), ISourceConnectorContext
    {
        public IOffsetStorageReader OffsetStorageReader { get; } = reader;
    }
}
