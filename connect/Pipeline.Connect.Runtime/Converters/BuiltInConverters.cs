using Pipeline.Connect.Runtime.Converters.Numbers;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>The converters and header converters that ship with the runtime, for the plugin registry (REST type names: converter, header_converter).</summary>
public static class BuiltInConverters
{
    public static IReadOnlyList<BuiltInConverter> All { get; } =
    [
        new(typeof(JsonConverter), ConverterKind.Converter),
        new(typeof(JsonConverter), ConverterKind.HeaderConverter),
        new(typeof(StringConverter), ConverterKind.Converter),
        new(typeof(StringConverter), ConverterKind.HeaderConverter),
        new(typeof(ByteArrayConverter), ConverterKind.Converter),
        new(typeof(ByteArrayConverter), ConverterKind.HeaderConverter),
        new(typeof(ShortConverter), ConverterKind.Converter),
        new(typeof(ShortConverter), ConverterKind.HeaderConverter),
        new(typeof(IntegerConverter), ConverterKind.Converter),
        new(typeof(IntegerConverter), ConverterKind.HeaderConverter),
        new(typeof(LongConverter), ConverterKind.Converter),
        new(typeof(LongConverter), ConverterKind.HeaderConverter),
        new(typeof(FloatConverter), ConverterKind.Converter),
        new(typeof(FloatConverter), ConverterKind.HeaderConverter),
        new(typeof(DoubleConverter), ConverterKind.Converter),
        new(typeof(DoubleConverter), ConverterKind.HeaderConverter),
        new(typeof(BooleanConverter), ConverterKind.Converter),
        new(typeof(BooleanConverter), ConverterKind.HeaderConverter),
        new(typeof(SimpleHeaderConverter), ConverterKind.HeaderConverter),
        new(typeof(AvroConverter), ConverterKind.Converter),
    ];
}
