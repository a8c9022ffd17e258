using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>ExtractField</c>: replaces the key/value with one of its fields (nested paths with
/// <c>field.syntax.version=V2</c>). A missing Map entry gives null; an unknown Struct field fails.
/// A null key/value stays null.
/// </summary>
public abstract class ExtractField : KeyOrValueTransformation
{
    public const string FieldConfig = "field";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "field extraction";

    private static readonly ConfigDef Definition = FieldPath.DefineSyntaxVersion(new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.Medium, "Field name to extract."))
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private FieldPath? _path;
    private bool _replaceNullWithDefault = true;

    private protected ExtractField(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _path = new FieldPath(config.GetString(FieldConfig)!, config.GetString(FieldPath.SyntaxVersionConfig)!);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = OperatingSchema(record);
        if (schema is null)
        {
            var map = Requirements.RequireMapOrNull(OperatingValue(record), Purpose);
            return NewRecord(record, null, map is null ? null : _path!.ValueFrom(map));
        }

        var value = Requirements.RequireStructOrNull(OperatingValue(record), Purpose);
        var field = _path!.FieldFrom(schema) ?? throw new DataException("Unknown field: " + _path.Path);
        return NewRecord(record, field.Schema, value is null ? null : _path.ValueFrom(value, _replaceNullWithDefault));
    }
}
