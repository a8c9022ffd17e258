namespace Pipeline.Storage.Config;

/// <summary>
/// A config value that cannot be accepted. The broker maps it to <c>INVALID_CONFIG</c> (40) with
/// <see cref="Exception.Message"/> as the error message, as Kafka does for CreateTopics/AlterConfigs.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string name, string? value, string reason)
        : base(value is null ? $"{reason}: {name}" : $"Invalid value {value} for configuration {name}: {reason}")
    {
        Name = name;
        Value = value;
        Reason = reason;
    }

    public string Name { get; }

    public string? Value { get; }

    public string Reason { get; }
}
