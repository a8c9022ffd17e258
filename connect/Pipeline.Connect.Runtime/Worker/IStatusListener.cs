using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// How the worker tells its herder what its connectors and tasks are doing; the herder turns the
/// calls into REST status (standalone: in memory; distributed: the status topic). Called from the
/// connector's or task's own thread (or the caller of the worker's API); implementations must be
/// thread-safe and quick, and must not call back into the worker.
/// States: Startup = RUNNING, Running = RUNNING again after a pause, Pause = PAUSED,
/// Stopped = STOPPED (connectors only), Failure = FAILED with the exception's full trace,
/// Shutdown = UNASSIGNED (stopped normally; not called after a failure, so FAILED stays visible).
/// </summary>
public interface IStatusListener
{
    void OnConnectorStartup(string connector);

    void OnConnectorRunning(string connector);

    void OnConnectorPause(string connector);

    void OnConnectorStopped(string connector);

    void OnConnectorFailure(string connector, string trace);

    void OnConnectorShutdown(string connector);

    void OnTaskStartup(ConnectorTaskId id);

    void OnTaskRunning(ConnectorTaskId id);

    void OnTaskPause(ConnectorTaskId id);

    void OnTaskFailure(ConnectorTaskId id, string trace);

    void OnTaskShutdown(ConnectorTaskId id);

    /// <summary>A task produced to or consumed from <paramref name="topic"/> for the first time since it started (topic tracking).</summary>
    void OnTopicActive(string connector, string topic)
    {
    }
}
