namespace Pipeline.Connect.Runtime.Converters;

/// <summary>One built-in converter type and the role it is listed under.</summary>
public sealed record BuiltInConverter(Type Type, ConverterKind Kind)
{
    /// <summary>Kafka's REST plugin type: <c>converter</c> or <c>header_converter</c>.</summary>
    public string PluginType => Kind == ConverterKind.Converter ? "converter" : "header_converter";
}
