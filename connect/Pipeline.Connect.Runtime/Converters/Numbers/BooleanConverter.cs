using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>Kafka's BooleanConverter (KIP-815): one byte, 1 for true and 0 for false; any other byte is an error.</summary>
[PluginAlias("org.apache.kafka.connect.converters.BooleanConverter")]
public sealed class BooleanConverter : NumberConverter<bool>
{
    protected override Schema ValueSchema => Schema.OptionalBoolean;

    protected override string TypeName => "Boolean";

    protected override int Size => 1;

    protected override void Write(bool value, Span<byte> destination) => destination[0] = value ? (byte)1 : (byte)0;

    protected override bool Read(ReadOnlySpan<byte> source) => source[0] switch
    {
        1 => true,
        0 => false,
        var other => throw new DataException($"Failed to deserialize Boolean: Unexpected byte received by BooleanDeserializer: {other}"),
    };
}
