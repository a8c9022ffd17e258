using System.Buffers.Binary;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's ShortConverter: a short as 2 big-endian bytes.</summary>
[PluginAlias("org.apache.kafka.connect.converters.ShortConverter")]
public sealed class ShortConverter : NumberConverter<short>
{
    protected override Schema ValueSchema => Schema.OptionalInt16;

    protected override string TypeName => "Short";

    protected override int Size => 2;

    protected override void Write(short value, Span<byte> destination) => BinaryPrimitives.WriteInt16BigEndian(destination, value);

    protected override short Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt16BigEndian(source);
}
