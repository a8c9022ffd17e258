using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>JsonConverter's parsed settings (Kafka's JsonConverterConfig keys and defaults).</summary>
internal sealed record JsonConverterSettings(bool SchemasEnabled, int SchemasCacheSize, DecimalFormat DecimalFormat, bool ReplaceNullWithDefault)
{
    public const string SchemasEnable = "schemas.enable";
    public const string SchemasCacheSizeKey = "schemas.cache.size";
    public const string DecimalFormatKey = "decimal.format";
    public const string ReplaceNullWithDefaultKey = "replace.null.with.default";

    public static JsonConverterSettings Default { get; } = new(SchemasEnabled: true, SchemasCacheSize: 1000, DecimalFormat.Base64, ReplaceNullWithDefault: true);

    public static ConfigDef Definition() => ConverterTypeSetting.Define(new ConfigDef())
        .Define(SchemasEnable, ConfigType.Boolean, true, null, Importance.High, "Include schemas within each of the serialized values and keys.", "Schemas", 1, ConfigWidth.Medium, "Enable Schemas")
        .Define(SchemasCacheSizeKey, ConfigType.Int, 1000, ConfigValidators.AtLeast(0), Importance.High, "The maximum number of schemas that can be cached in this converter instance.", "Schemas", 2, ConfigWidth.Medium, "Schema Cache Size")
        .Define(DecimalFormatKey, ConfigType.String, "BASE64", ConfigValidators.CaseInsensitiveIn("BASE64", "NUMERIC"), Importance.Low, "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'", "Serialization", 1, ConfigWidth.Medium, "Decimal Format")
        .Define(ReplaceNullWithDefaultKey, ConfigType.Boolean, true, null, Importance.Low, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.", "Serialization", 2, ConfigWidth.Medium, "Replace null with default");

    public static JsonConverterSettings From(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = new AbstractConfig(Definition(), configs);
        return new JsonConverterSettings(
            parsed.GetBoolean(SchemasEnable),
            parsed.GetInt(SchemasCacheSizeKey),
            string.Equals(parsed.GetString(DecimalFormatKey), "NUMERIC", StringComparison.OrdinalIgnoreCase) ? DecimalFormat.Numeric : DecimalFormat.Base64,
            parsed.GetBoolean(ReplaceNullWithDefaultKey));
    }
}
