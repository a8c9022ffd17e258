using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// Builds a <see cref="Schema"/> fluently:
/// <code>
/// var order = SchemaBuilder.Struct().Name("com.acme.Order")
///     .Field("id", Schema.Int64)
///     .Field("note", Schema.OptionalString)
///     .Field("amount", ConnectDecimal.Schema(2))
///     .Build();
/// </code>
/// Each property may be set once (a second call throws <see cref="SchemaBuilderException"/>); a
/// default value is checked against the schema built so far.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly SchemaType _type;
    private readonly List<Field>? _fields;
    private readonly HashSet<string>? _fieldNames;
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private bool? _optional;
    private object? _defaultValue;
    private bool _defaultSet;
    private string? _name;
    private int? _version;
    private string? _doc;
    private Dictionary<string, string>? _parameters;

    /// <summary>A builder of a primitive or struct type; arrays and maps use <see cref="Array"/> and <see cref="Map"/>.</summary>
    public SchemaBuilder(SchemaType type)
    {
        if (type is SchemaType.Array or SchemaType.Map)
        {
            throw new SchemaBuilderException($"Use SchemaBuilder.{type}(...) to build {SchemaTypeNames.Of(type)} schemas: they need item schemas");
        }

        _type = type;
        if (type == SchemaType.Struct)
        {
            _fields = [];
            _fieldNames = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private SchemaBuilder(SchemaType type, Schema? keySchema, Schema valueSchema)
    {
        _type = type;
        _keySchema = keySchema;
        _valueSchema = valueSchema;
    }

    /// <summary>The type being built.</summary>
    public SchemaType Type => _type;

    /// <summary>A signed 8-bit integer schema.</summary>
    public static SchemaBuilder Int8() => new(SchemaType.Int8);

    /// <summary>A signed 16-bit integer schema.</summary>
    public static SchemaBuilder Int16() => new(SchemaType.Int16);

    /// <summary>A signed 32-bit integer schema.</summary>
    public static SchemaBuilder Int32() => new(SchemaType.Int32);

    /// <summary>A signed 64-bit integer schema.</summary>
    public static SchemaBuilder Int64() => new(SchemaType.Int64);

    /// <summary>A 32-bit float schema.</summary>
    public static SchemaBuilder Float32() => new(SchemaType.Float32);

    /// <summary>A 64-bit float schema.</summary>
    public static SchemaBuilder Float64() => new(SchemaType.Float64);

    /// <summary>A boolean schema.</summary>
    public static SchemaBuilder Bool() => new(SchemaType.Boolean);

    /// <summary>A string schema.</summary>
    public static SchemaBuilder String() => new(SchemaType.String);

    /// <summary>A bytes schema.</summary>
    public static SchemaBuilder Bytes() => new(SchemaType.Bytes);

    /// <summary>A struct schema; add fields with <see cref="Field(string, Schema)"/>.</summary>
    public static SchemaBuilder Struct() => new(SchemaType.Struct);

    /// <summary>An array schema whose items follow <paramref name="valueSchema"/>.</summary>
    public static SchemaBuilder Array(Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new SchemaBuilder(SchemaType.Array, null, valueSchema);
    }

    /// <summary>A map schema from <paramref name="keySchema"/> keys to <paramref name="valueSchema"/> values.</summary>
    public static SchemaBuilder Map(Schema keySchema, Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(keySchema);
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new SchemaBuilder(SchemaType.Map, keySchema, valueSchema);
    }

    /// <summary>Makes null a valid value.</summary>
    public SchemaBuilder Optional()
    {
        CheckCanSet("optional", _optional is not null);
        _optional = true;
        return this;
    }

    /// <summary>Makes null an invalid value (the default).</summary>
    public SchemaBuilder Required()
    {
        CheckCanSet("optional", _optional is not null);
        _optional = false;
        return this;
    }

    /// <summary>Sets the default value; it must be valid for the schema (<see cref="Schema.Validate"/>).</summary>
    public SchemaBuilder DefaultValue(object? value)
    {
        CheckCanSet("default", _defaultSet);
        try
        {
            Schema.ValidateValue(null, BuildWithoutDefault(), value);
        }
        catch (DataException e)
        {
            throw new SchemaBuilderException("Invalid default value", e);
        }

        _defaultValue = value;
        _defaultSet = true;
        return this;
    }

    /// <summary>Sets the schema's name.</summary>
    public SchemaBuilder Name(string name)
    {
        CheckCanSet("name", _name is not null);
        _name = name;
        return this;
    }

    /// <summary>Sets the schema's version.</summary>
    public SchemaBuilder Version(int version)
    {
        CheckCanSet("version", _version is not null);
        _version = version;
        return this;
    }

    /// <summary>Sets the schema's documentation.</summary>
    public SchemaBuilder Doc(string doc)
    {
        CheckCanSet("doc", _doc is not null);
        _doc = doc;
        return this;
    }

    /// <summary>Adds (or replaces) a parameter; parameters keep the order they were first set in.</summary>
    public SchemaBuilder Parameter(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _parameters ??= new Dictionary<string, string>(StringComparer.Ordinal);
        _parameters[name] = value;
        return this;
    }

    /// <summary>Adds every parameter of <paramref name="parameters"/>.</summary>
    public SchemaBuilder Parameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (k, v) in parameters)
        {
            Parameter(k, v);
        }

        return this;
    }

    /// <summary>Appends a field to a struct schema; names must be unique.</summary>
    public SchemaBuilder Field(string fieldName, Schema fieldSchema)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(fieldSchema);
        if (_fields is null)
        {
            throw new SchemaBuilderException($"Cannot create fields on type {SchemaTypeNames.Of(_type)}");
        }

        if (!_fieldNames!.Add(fieldName))
        {
            throw new SchemaBuilderException($"Cannot create field because of field name duplication {fieldName}");
        }

        _fields.Add(new Field(fieldName, _fields.Count, fieldSchema));
        return this;
    }

    /// <summary>Appends a field built by <paramref name="fieldSchema"/>.</summary>
    public SchemaBuilder Field(string fieldName, SchemaBuilder fieldSchema)
    {
        ArgumentNullException.ThrowIfNull(fieldSchema);
        return Field(fieldName, fieldSchema.Build());
    }

    /// <summary>The immutable schema.</summary>
    public Schema Build() => new(
        _type,
        _optional ?? false,
        _defaultValue,
        _name,
        _version,
        _doc,
        _parameters,
        _fields is null ? null : [.. _fields],
        _keySchema,
        _valueSchema);

    private Schema BuildWithoutDefault() => new(
        _type,
        _optional ?? false,
        null,
        _name,
        _version,
        _doc,
        _parameters,
        _fields is null ? null : [.. _fields],
        _keySchema,
        _valueSchema);

    private static void CheckCanSet(string what, bool alreadySet)
    {
        if (alreadySet)
        {
            throw new SchemaBuilderException($"Invalid SchemaBuilder call: {what} has already been set.");
        }
    }
}
