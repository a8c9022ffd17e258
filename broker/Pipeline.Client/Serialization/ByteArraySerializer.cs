using System.Buffers;

namespace Pipeline.Client.Serialization;

/// <summary>Bytes as they are; a null array is a Kafka null.</summary>
public sealed class ByteArraySerializer : IBufferSerializer<byte[]?>
{
    public byte[]? Serialize(byte[]? data, SerializationContext context) => data;

    public bool Serialize(byte[]? data, SerializationContext context, IBufferWriter<byte> output)
    {
        if (data is null)
        {
            return false;
        }

        output.Write(data);
        return true;
    }
}
