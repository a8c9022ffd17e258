using System.Buffers.Binary;

namespace Pipeline.Client.Serialization;

public sealed class Int32Deserializer : IDeserializer<int>
{
    public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        !isNull && data.Length == 4
            ? BinaryPrimitives.ReadInt32BigEndian(data)
            : throw new FormatException($"an int32 {context.Component} needs exactly 4 bytes, got {(isNull ? "null" : data.Length)}");
}
