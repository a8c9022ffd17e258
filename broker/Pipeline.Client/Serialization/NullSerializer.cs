using System.Buffers;

namespace Pipeline.Client.Serialization;

/// <summary>Always a Kafka null.</summary>
public sealed class NullSerializer : IBufferSerializer<Null?>
{
    public byte[]? Serialize(Null? data, SerializationContext context) => null;

    public bool Serialize(Null? data, SerializationContext context, IBufferWriter<byte> output) => false;
}
