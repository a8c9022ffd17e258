using Pipeline.Storage.Config;

namespace Pipeline.Broker.Config;

/// <summary>One broker setting: its Kafka name, type, default (null = none) and documentation.</summary>
public sealed record BrokerConfigKey(string Name, ConfigType Type, string? Default, string Documentation, bool Sensitive = false);
