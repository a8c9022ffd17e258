using System.Collections;
using System.Text;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// An immutable schema of the Connect data model: a <see cref="SchemaType"/>, whether null is
/// allowed, an optional default, an optional name (a fully-qualified record name, or a logical
/// type's name), version, documentation and string parameters; item schemas for arrays and maps and
/// ordered fields for structs. Build one with <see cref="SchemaBuilder"/>, or use the predefined
/// primitives (<see cref="Int32"/>, <see cref="OptionalString"/>, ...). Two schemas are equal when
/// all of that is equal, defaults compared by value.
/// </summary>
public sealed class Schema : IEquatable<Schema>
{
    private static readonly IReadOnlyList<Field> NoFields = [];
    private readonly IReadOnlyList<Field>? _fields;
    private readonly Dictionary<string, Field>? _fieldsByName;

    /// <summary>
    /// A schema from its parts; <see cref="SchemaBuilder"/> is the usual way to make one and checks
    /// the default value against the schema, which this constructor does not.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="isOptional">Whether null is a valid value.</param>
    /// <param name="defaultValue">The value used when a field of this schema is null.</param>
    /// <param name="name">A fully-qualified name, or a logical type's name.</param>
    /// <param name="version">A version of the named schema.</param>
    /// <param name="doc">Documentation.</param>
    /// <param name="parameters">String parameters (a logical type's settings, such as the Decimal scale); kept in the given order.</param>
    /// <param name="fields">The fields, for <see cref="SchemaType.Struct"/> only.</param>
    /// <param name="keySchema">The key schema, for <see cref="SchemaType.Map"/> only.</param>
    /// <param name="valueSchema">The item schema of an <see cref="SchemaType.Array"/> or the value schema of a <see cref="SchemaType.Map"/>.</param>
    public Schema(
        SchemaType type,
        bool isOptional = false,
        object? defaultValue = null,
        string? name = null,
        int? version = null,
        string? doc = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyList<Field>? fields = null,
        Schema? keySchema = null,
        Schema? valueSchema = null)
    {
        Type = type;
        IsOptional = isOptional;
        DefaultValue = defaultValue;
        Name = name;
        Version = version;
        Doc = doc;
        Parameters = parameters is null ? null : new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        if (type == SchemaType.Struct)
        {
            _fields = fields ?? NoFields;
            _fieldsByName = new Dictionary<string, Field>(_fields.Count, StringComparer.Ordinal);
            foreach (var f in _fields)
            {
                _fieldsByName[f.Name] = f;
            }
        }
        else if (fields is { Count: > 0 })
        {
            throw new DataException($"Cannot give fields to a schema of type {SchemaTypeNames.Of(type)}");
        }

        if (type == SchemaType.Map && (keySchema is null || valueSchema is null))
        {
            throw new DataException("A map schema needs a key schema and a value schema");
        }

        if (type == SchemaType.Array && valueSchema is null)
        {
            throw new DataException("An array schema needs an item (value) schema");
        }

        KeySchema = type == SchemaType.Map ? keySchema : null;
        ValueSchema = type is SchemaType.Map or SchemaType.Array ? valueSchema : null;
    }

    /// <summary>A required signed 8-bit integer.</summary>
    public static Schema Int8 { get; } = new(SchemaType.Int8);

    /// <summary>A required signed 16-bit integer.</summary>
    public static Schema Int16 { get; } = new(SchemaType.Int16);

    /// <summary>A required signed 32-bit integer.</summary>
    public static Schema Int32 { get; } = new(SchemaType.Int32);

    /// <summary>A required signed 64-bit integer.</summary>
    public static Schema Int64 { get; } = new(SchemaType.Int64);

    /// <summary>A required 32-bit float.</summary>
    public static Schema Float32 { get; } = new(SchemaType.Float32);

    /// <summary>A required 64-bit float.</summary>
    public static Schema Float64 { get; } = new(SchemaType.Float64);

    /// <summary>A required boolean.</summary>
    public static Schema Boolean { get; } = new(SchemaType.Boolean);

    /// <summary>A required string.</summary>
    public static Schema String { get; } = new(SchemaType.String);

    /// <summary>Required bytes.</summary>
    public static Schema Bytes { get; } = new(SchemaType.Bytes);

    /// <summary>An optional signed 8-bit integer.</summary>
    public static Schema OptionalInt8 { get; } = new(SchemaType.Int8, isOptional: true);

    /// <summary>An optional signed 16-bit integer.</summary>
    public static Schema OptionalInt16 { get; } = new(SchemaType.Int16, isOptional: true);

    /// <summary>An optional signed 32-bit integer.</summary>
    public static Schema OptionalInt32 { get; } = new(SchemaType.Int32, isOptional: true);

    /// <summary>An optional signed 64-bit integer.</summary>
    public static Schema OptionalInt64 { get; } = new(SchemaType.Int64, isOptional: true);

    /// <summary>An optional 32-bit float.</summary>
    public static Schema OptionalFloat32 { get; } = new(SchemaType.Float32, isOptional: true);

    /// <summary>An optional 64-bit float.</summary>
    public static Schema OptionalFloat64 { get; } = new(SchemaType.Float64, isOptional: true);

    /// <summary>An optional boolean.</summary>
    public static Schema OptionalBoolean { get; } = new(SchemaType.Boolean, isOptional: true);

    /// <summary>An optional string.</summary>
    public static Schema OptionalString { get; } = new(SchemaType.String, isOptional: true);

    /// <summary>Optional bytes.</summary>
    public static Schema OptionalBytes { get; } = new(SchemaType.Bytes, isOptional: true);

    /// <summary>The type of the schema's values.</summary>
    public SchemaType Type { get; }

    /// <summary>Whether null is a valid value.</summary>
    public bool IsOptional { get; }

    /// <summary>The value a null field of this schema stands for, or null when there is none.</summary>
    public object? DefaultValue { get; }

    /// <summary>The schema's name (a record name, or a logical type's name such as <see cref="ConnectDecimal.LogicalName"/>).</summary>
    public string? Name { get; }

    /// <summary>The version of the named schema.</summary>
    public int? Version { get; }

    /// <summary>Documentation.</summary>
    public string? Doc { get; }

    /// <summary>String parameters in their given order, or null when none were set.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; }

    /// <summary>The key schema of a map; null for other types.</summary>
    public Schema? KeySchema { get; }

    /// <summary>The item schema of an array or the value schema of a map; null for other types.</summary>
    public Schema? ValueSchema { get; }

    /// <summary>The fields of a struct, in order. Throws <see cref="DataException"/> for other types.</summary>
    public IReadOnlyList<Field> Fields =>
        _fields ?? throw new DataException($"Cannot list fields on non-struct type {SchemaTypeNames.Of(Type)}");

    /// <summary>True for the types that are not Array, Map or Struct.</summary>
    public bool IsPrimitive => Type is not (SchemaType.Array or SchemaType.Map or SchemaType.Struct);

    /// <summary>The field called <paramref name="fieldName"/>, or null when the struct has none. Throws <see cref="DataException"/> for non-struct schemas.</summary>
    public Field? Field(string fieldName)
    {
        if (_fieldsByName is null)
        {
            throw new DataException($"Cannot look up fields on non-struct type {SchemaTypeNames.Of(Type)}");
        }

        return _fieldsByName.TryGetValue(fieldName, out var f) ? f : null;
    }

    /// <summary>
    /// Throws <see cref="DataException"/> unless <paramref name="value"/> is valid for this schema:
    /// null only when optional, the .NET type of <see cref="SchemaType"/> (or of the logical type
    /// named by <see cref="Name"/>), items and entries of arrays and maps valid too, structs of an
    /// equal schema with every required field set.
    /// </summary>
    public void Validate(object? value) => ValidateValue(null, this, value);

    /// <summary>As <see cref="Validate"/>, naming <paramref name="fieldName"/> in the error message.</summary>
    public static void ValidateValue(string? fieldName, Schema schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (value is null)
        {
            if (!schema.IsOptional)
            {
                throw new DataException($"Invalid value: null used for required field: \"{fieldName}\", schema type: {SchemaTypeNames.Of(schema.Type)}");
            }

            return;
        }

        if (!LogicalTypes.IsValidClrValue(schema, value))
        {
            var named = schema.Name is null ? "" : $"\"{schema.Name}\" ";
            var where = fieldName is null ? "" : $" for field: \"{fieldName}\"";
            throw new DataException($"Invalid .NET object for schema {named}with type {SchemaTypeNames.Of(schema.Type)}: {value.GetType()}{where}");
        }

        switch (schema.Type)
        {
            case SchemaType.Struct:
                var s = (Struct)value;
                if (!s.Schema.Equals(schema))
                {
                    throw new DataException("Struct schemas do not match.");
                }

                s.Validate();
                break;
            case SchemaType.Array:
                foreach (var item in (IList)value)
                {
                    ValidateValue(fieldName, schema.ValueSchema!, item);
                }

                break;
            case SchemaType.Map:
                foreach (DictionaryEntry e in (IDictionary)value)
                {
                    ValidateValue(fieldName, schema.KeySchema!, e.Key);
                    ValidateValue(fieldName, schema.ValueSchema!, e.Value);
                }

                break;
        }
    }

    /// <summary>
    /// The type a schemaless value maps to (<c>int</c> is Int32, <c>IList</c> is Array, ...), or
    /// null when its .NET type has no Connect type.
    /// </summary>
    public static SchemaType? TypeOf(object value) => value switch
    {
        sbyte => SchemaType.Int8,
        short => SchemaType.Int16,
        int => SchemaType.Int32,
        long => SchemaType.Int64,
        float => SchemaType.Float32,
        double => SchemaType.Float64,
        bool => SchemaType.Boolean,
        string => SchemaType.String,
        byte[] => SchemaType.Bytes,
        Struct => SchemaType.Struct,
        IDictionary => SchemaType.Map,
        IList => SchemaType.Array,
        _ => null,
    };

    /// <inheritdoc/>
    public bool Equals(Schema? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && Type == other.Type
            && IsOptional == other.IsOptional
            && Name == other.Name
            && Version == other.Version
            && Doc == other.Doc
            && DataValues.DeepEquals(DefaultValue, other.DefaultValue)
            && ParametersEqual(Parameters, other.Parameters)
            && Equals(KeySchema, other.KeySchema)
            && Equals(ValueSchema, other.ValueSchema)
            && FieldsEqual(_fields, other._fields);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Schema s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Type, IsOptional, Name, Version, _fields?.Count ?? -1, KeySchema, ValueSchema);

    /// <summary>Kafka's short form: <c>Schema{STRING}</c>, <c>Schema{com.acme.Order:STRUCT}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Schema{");
        if (Name is not null)
        {
            sb.Append(Name).Append(':');
        }

        return sb.Append(SchemaTypeNames.Of(Type)).Append('}').ToString();
    }

    private static bool ParametersEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var w) || v != w)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FieldsEqual(IReadOnlyList<Field>? a, IReadOnlyList<Field>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
