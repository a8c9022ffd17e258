using System.Buffers.Binary;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's LongConverter: a long as 8 big-endian bytes.</summary>
[PluginAlias("org.apache.kafka.connect.converters.LongConverter")]
public sealed class LongConverter : NumberConverter<long>
{
    protected override Schema ValueSchema => Schema.OptionalInt64;

    protected override string TypeName => "Long";

    protected override int Size => 8;

    protected override void Write(long value, Span<byte> destination) => BinaryPrimitives.WriteInt64BigEndian(destination, value);

    protected override long Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt64BigEndian(source);
}
