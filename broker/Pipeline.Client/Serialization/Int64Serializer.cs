using System.Buffers;
using System.Buffers.Binary;

namespace Pipeline.Client.Serialization;

/// <summary>8 bytes big-endian (Kafka's LongSerializer).</summary>
public sealed class Int64Serializer : IBufferSerializer<long>
{
    public byte[]? Serialize(long data, SerializationContext context)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, data);
        return bytes;
    }

    public bool Serialize(long data, SerializationContext context, IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), data);
        output.Advance(8);
        return true;
    }
}
