using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>SetSchemaMetadata</c>: sets the name and/or version of the key/value schema
/// (everything else is kept); a Struct is re-created on the renamed schema. Needs a schema.
/// </summary>
public abstract class SetSchemaMetadata : KeyOrValueTransformation
{
    public const string SchemaNameConfig = "schema.name";
    public const string SchemaVersionConfig = "schema.version";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "updating schema metadata";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(SchemaNameConfig, ConfigType.String, null, null, Importance.High, "Schema name to set.")
        .Define(SchemaVersionConfig, ConfigType.Int, null, null, Importance.High, "Schema version to set.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private string? _schemaName;
    private int? _schemaVersion;
    private bool _replaceNullWithDefault = true;

    private protected SetSchemaMetadata(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _schemaName = config.GetString(SchemaNameConfig);
        _schemaVersion = (int?)config.Get(SchemaVersionConfig);
        if (_schemaName is null && _schemaVersion is null)
        {
            throw new ConfigException(SchemaNameConfig, null, "Neither schema name nor version configured");
        }
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = OperatingSchema(record);
        Requirements.RequireSchema(schema, Purpose);
        var updatedSchema = new Schema(
            schema!.Type,
            schema.IsOptional,
            schema.DefaultValue,
            _schemaName ?? schema.Name,
            _schemaVersion ?? schema.Version,
            schema.Doc,
            schema.Parameters,
            schema.Type == SchemaType.Struct ? schema.Fields : null,
            schema.KeySchema,
            schema.ValueSchema);
        return NewRecord(record, updatedSchema, UpdateSchemaIn(OperatingValue(record), updatedSchema));
    }

    private object? UpdateSchemaIn(object? value, Schema updatedSchema)
    {
        if (value is not Struct input)
        {
            return value;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in updatedSchema.Fields)
        {
            updated.Put(field, _replaceNullWithDefault ? input.Get(field.Name) : input.GetWithoutDefault(field.Name));
        }

        return updated;
    }
}
