namespace Pipeline.Broker.Config;

/// <summary>A setting has a value Pipeline cannot use; the message names the key, the value and the fix.</summary>
public sealed class BrokerConfigException : Exception
{
    public BrokerConfigException(string key, string? value, string reason)
        : base($"invalid value '{value}' for configuration {key}: {reason}")
    {
        Key = key;
    }

    public BrokerConfigException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public string Key { get; }
}
