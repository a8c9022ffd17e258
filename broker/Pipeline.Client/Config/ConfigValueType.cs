namespace Pipeline.Client.Config;

/// <summary>How a config value is written in a Kafka properties map (Kafka's ConfigDef.Type).</summary>
public enum ConfigValueType
{
    Boolean,
    Int,
    Long,
    Double,
    String,

    /// <summary>Comma-separated, each entry trimmed; "" is the empty list.</summary>
    List,

    /// <summary>A string never echoed back in messages.</summary>
    Password,
}
