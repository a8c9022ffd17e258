using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>HeaderFrom</c> (KIP-145): copies (<c>operation=copy</c>) or moves (<c>move</c>,
/// the field leaves the key/value) each field in <c>fields</c> into the header at the same
/// position in <c>headers</c>, with the field's schema. A null key/value passes through.
/// </summary>
public abstract class HeaderFrom : KeyOrValueTransformation
{
    public const string FieldsConfig = "fields";
    public const string HeadersConfig = "headers";
    public const string OperationConfig = "operation";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, TransformValidators.NonEmptyList, Importance.High, "Field names in the record whose values are to be copied or moved to headers.")
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefault, TransformValidators.NonEmptyList, Importance.High, "Header names, in the same order as the field names listed in the fields configuration property.")
        .Define(OperationConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.In("move", "copy"), Importance.High, "Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _moveSchemaCache = new();
    private IReadOnlyList<string> _fields = [];
    private IReadOnlyList<string> _headers = [];
    private bool _move;
    private bool _replaceNullWithDefault = true;

    private protected HeaderFrom(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _fields = config.GetList(FieldsConfig);
        _headers = config.GetList(HeadersConfig);
        if (_fields.Count != _headers.Count)
        {
            throw new ConfigException(HeadersConfig, _headers, $"'{FieldsConfig}' config must have the same number of elements as '{HeadersConfig}' config.");
        }

        _move = config.GetString(OperationConfig) == "move";
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        var purpose = _move ? "header move" : "header copy";
        var headers = record.Headers.Duplicate();
        var schema = OperatingSchema(record);
        if (schema is null)
        {
            var map = Requirements.RequireMap(value, purpose);
            var updated = _move ? Requirements.CopyMap(map) : null;
            for (var i = 0; i < _fields.Count; i++)
            {
                headers.Add(new ConnectHeader(_headers[i], null, Requirements.Lookup(map, _fields[i])));
                updated?.Remove(_fields[i]);
            }

            return NewRecord(record, null, updated ?? value, headers);
        }

        var input = Requirements.RequireStruct(value, purpose);
        for (var i = 0; i < _fields.Count; i++)
        {
            var field = input.Schema.Field(_fields[i]) ?? throw new DataException($"Field does not exist: {_fields[i]}");
            headers.Add(_headers[i], _replaceNullWithDefault ? input.Get(field) : input.GetWithoutDefault(field.Name), field.Schema);
        }

        if (!_move)
        {
            return NewRecord(record, schema, input, headers);
        }

        var movedSchema = _moveSchemaCache.GetOrAdd(input.Schema, MoveSchema);
        var moved = new Struct(movedSchema);
        foreach (var field in movedSchema.Fields)
        {
            moved.Put(field, _replaceNullWithDefault ? input.Get(field.Name) : input.GetWithoutDefault(field.Name));
        }

        return NewRecord(record, movedSchema, moved, headers);
    }

    private Schema MoveSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            if (!_fields.Contains(field.Name))
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }
}
