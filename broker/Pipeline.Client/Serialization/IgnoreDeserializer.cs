namespace Pipeline.Client.Serialization;

/// <summary>Never looks at the bytes.</summary>
public sealed class IgnoreDeserializer : IDeserializer<Ignore?>
{
    public Ignore? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => null;
}
