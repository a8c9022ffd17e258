namespace Pipeline.Connect.Api.Connectors;

/// <summary>What the runtime offers a running connector.</summary>
public interface IConnectorContext
{
    /// <summary>Asks the runtime to call <see cref="Connector.TaskConfigs"/> again and restart tasks whose configs changed (e.g. new tables or files appeared).</summary>
    void RequestTaskReconfiguration();

    /// <summary>Reports an unrecoverable error: the connector goes FAILED with this error's trace in its status.</summary>
    void RaiseError(Exception error);
}
