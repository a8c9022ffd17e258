using System.Buffers.Binary;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's FloatConverter: a float as its 4 IEEE 754 bytes, big-endian.</summary>
[PluginAlias("org.apache.kafka.connect.converters.FloatConverter")]
public sealed class FloatConverter : NumberConverter<float>
{
    protected override Schema ValueSchema => Schema.OptionalFloat32;

    protected override string TypeName => "Float";

    protected override int Size => 4;

    protected override void Write(float value, Span<byte> destination) => BinaryPrimitives.WriteSingleBigEndian(destination, value);

    protected override float Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadSingleBigEndian(source);
}
