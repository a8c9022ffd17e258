using System.Buffers.Binary;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's IntegerConverter: an int as 4 big-endian bytes.</summary>
[PluginAlias("org.apache.kafka.connect.converters.IntegerConverter")]
public sealed class IntegerConverter : NumberConverter<int>
{
    protected override Schema ValueSchema => Schema.OptionalInt32;

    protected override string TypeName => "Integer";

    protected override int Size => 4;

    protected override void Write(int value, Span<byte> destination) => BinaryPrimitives.WriteInt32BigEndian(destination, value);

    protected override int Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt32BigEndian(source);
}
