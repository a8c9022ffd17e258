namespace Pipeline.Client.Serialization;

/// <summary>Turns a key or value into bytes; null means a Kafka null (no bytes at all, not an empty array).</summary>
public interface ISerializer<in T>
{
    byte[]? Serialize(T data, SerializationContext context);
}
