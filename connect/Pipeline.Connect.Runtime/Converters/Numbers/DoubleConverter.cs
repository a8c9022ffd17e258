using System.Buffers.Binary;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's DoubleConverter: a double as its 8 IEEE 754 bytes, big-endian.</summary>
[PluginAlias("org.apache.kafka.connect.converters.DoubleConverter")]
public sealed class DoubleConverter : NumberConverter<double>
{
    protected override Schema ValueSchema => Schema.OptionalFloat64;

    protected override string TypeName => "Double";

    protected override int Size => 8;

    protected override void Write(double value, Span<byte> destination) => BinaryPrimitives.WriteDoubleBigEndian(destination, value);

    protected override double Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadDoubleBigEndian(source);
}
