namespace Pipeline.Client.Serialization;

/// <summary>Turns the bytes of a key or value back into an object; isNull tells a Kafka null from empty bytes.</summary>
public interface IDeserializer<out T>
{
    T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context);
}
