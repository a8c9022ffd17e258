namespace Pipeline.Storage.Config;

/// <summary>
/// A broker-level setting that supplies a topic config's default, e.g. <c>log.retention.hours</c>
/// for <c>retention.ms</c>. <see cref="Multiplier"/> converts the broker value to the topic
/// config's unit (3600000 for hours to ms); a broker value of -1 stays -1 ("unlimited").
/// <see cref="DefaultValue"/> is the broker key's own default in its own unit, or null when the
/// key has none and the next synonym decides.
/// </summary>
public sealed record BrokerSynonym(string Name, ConfigType Type, string? DefaultValue, long Multiplier = 1);
