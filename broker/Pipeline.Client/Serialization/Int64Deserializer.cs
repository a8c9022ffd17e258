using System.Buffers.Binary;

namespace Pipeline.Client.Serialization;

public sealed class Int64Deserializer : IDeserializer<long>
{
    public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        !isNull && data.Length == 8
            ? BinaryPrimitives.ReadInt64BigEndian(data)
            : throw new FormatException($"an int64 {context.Component} needs exactly 8 bytes, got {(isNull ? "null" : data.Length)}");
}
