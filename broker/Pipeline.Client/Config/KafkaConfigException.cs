namespace Pipeline.Client.Config;

/// <summary>An invalid or missing setting, worded as Kafka's ConfigException.</summary>
public sealed class KafkaConfigException : ArgumentException
{
    public KafkaConfigException(string message)
        : base(message)
    {
    }

    public KafkaConfigException(string name, object? value, string reason)
        : base($"Invalid value {value} for configuration {name}: {reason}")
    {
        Name = name;
    }

    /// <summary>The offending key, when one key is to blame.</summary>
    public string? Name { get; }
}
