namespace Pipeline.Connect.Api.Connectors;

/// <summary>A unit of work a connector splits its job into; each runs on its own worker thread.</summary>
public interface ITask : IVersioned
{
    /// <summary>Starts with one of the configs the connector's <see cref="Connector.TaskConfigs"/> returned.</summary>
    void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>Stops; called once, after which the task is discarded.</summary>
    void Stop();
}
