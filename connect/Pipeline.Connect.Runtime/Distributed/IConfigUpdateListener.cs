using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// What the config store tells the herder as it reads records (Kafka's ConfigBackingStore.UpdateListener).
/// Called on the config log's reader task, after the snapshot already reflects the change: keep it short.
/// </summary>
public interface IConfigUpdateListener
{
    void OnConnectorConfigUpdate(string connector);

    void OnConnectorConfigRemove(string connector);

    /// <summary>A commit made new task configs visible.</summary>
    void OnTaskConfigUpdate(string connector, IReadOnlyCollection<ConnectorTaskId> tasks);

    void OnConnectorTargetStateChange(string connector);

    void OnRestartRequest(RestartRequest request);

    void OnSessionKeyUpdate(SessionKey key);
}
