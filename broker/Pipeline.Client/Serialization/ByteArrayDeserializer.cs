namespace Pipeline.Client.Serialization;

public sealed class ByteArrayDeserializer : IDeserializer<byte[]?>
{
    public byte[]? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => isNull ? null : data.ToArray();
}
