namespace Pipeline.Broker.Controller;

/// <summary>What the controller needs from the broker config.</summary>
public sealed record ControllerOptions(
    int NodeId,
    int DefaultNumPartitions,
    short DefaultReplicationFactor,
    Func<IReadOnlyDictionary<string, string>, ApiError> ValidateTopicConfigs);
