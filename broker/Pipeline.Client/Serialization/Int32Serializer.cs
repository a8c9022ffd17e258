using System.Buffers;
using System.Buffers.Binary;

namespace Pipeline.Client.Serialization;

/// <summary>4 bytes big-endian (Kafka's IntegerSerializer).</summary>
public sealed class Int32Serializer : IBufferSerializer<int>
{
    public byte[]? Serialize(int data, SerializationContext context)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, data);
        return bytes;
    }

    public bool Serialize(int data, SerializationContext context, IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), data);
        output.Advance(4);
        return true;
    }
}
