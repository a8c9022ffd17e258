namespace Pipeline.Broker.Metadata;

/// <summary>Kafka's topic-name rules (Topic.validate): 1-249 chars of [a-zA-Z0-9._-], not "." or "..".</summary>
public static class TopicNames
{
    public const int MaxLength = 249;
    public const string ConsumerOffsets = "__consumer_offsets";
    public const string TransactionState = "__transaction_state";

    public static bool IsInternal(string name) => name is ConsumerOffsets or TransactionState;

    /// <summary>Null when valid, else the reason (used as the error message of INVALID_TOPIC_EXCEPTION).</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Topic name is illegal, it can't be empty";
        }

        if (name is "." or "..")
        {
            return "Topic name cannot be \".\" or \"..\"";
        }

        if (name.Length > MaxLength)
        {
            return $"Topic name is illegal, it can't be longer than {MaxLength} characters, topic name: {name}";
        }

        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-'))
            {
                return $"Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
            }
        }

        return null;
    }

    /// <summary>Kafka refuses names that differ only by '.' vs '_' (they collide in metric names).</summary>
    public static string Normalize(string name) => name.Replace('.', '_');
}
