using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>A config-topic change queued from the config store's reader task to the herder loop.</summary>
internal abstract record ConfigEvent
{
    public sealed record ConnectorUpdated(string Connector) : ConfigEvent;

    public sealed record ConnectorRemoved(string Connector) : ConfigEvent;

    public sealed record TasksUpdated(string Connector, IReadOnlyCollection<ConnectorTaskId> Tasks) : ConfigEvent;

    public sealed record TargetStateChanged(string Connector) : ConfigEvent;

    public sealed record Restart(RestartRequest Request) : ConfigEvent;
}
