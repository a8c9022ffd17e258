using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>Kafka's ConverterConfig: <c>converter.type</c> (key, value or header), which the worker sets and the simple converters only accept.</summary>
internal static class ConverterTypeSetting
{
    public const string Name = "converter.type";

    public static ConfigDef Define(ConfigDef definition) =>
        definition.Define(Name, ConfigType.String, null, ConfigValidators.Of(Check, "one of key, value, header"), Importance.Low, "How this converter will be used.");

    private static void Check(string name, object? value)
    {
        if (value is string s && s is not ("key" or "value" or "header"))
        {
            throw new ConfigException(name, s, "must be one of key, value, header");
        }
    }
}
