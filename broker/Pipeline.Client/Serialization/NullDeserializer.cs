namespace Pipeline.Client.Serialization;

/// <summary>Accepts only Kafka nulls.</summary>
public sealed class NullDeserializer : IDeserializer<Null?>
{
    public Null? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? null : throw new FormatException($"expected a null {context.Component}, got {data.Length} byte(s)");
}
