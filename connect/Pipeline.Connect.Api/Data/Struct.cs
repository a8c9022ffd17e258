using System.Collections;
using System.Text;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// A structured value: one slot per field of a struct <see cref="Schema"/>. <see cref="Put(string, object?)"/>
/// checks each value against its field's schema; <see cref="Validate"/> checks that every required
/// field is set. Not thread-safe; equal when schemas and values are equal.
/// </summary>
public sealed class Struct : IEquatable<Struct>
{
    private readonly object?[] _values;

    /// <summary>An empty struct of <paramref name="schema"/>, which must be a struct schema.</summary>
    public Struct(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException("Not a struct schema: " + schema);
        }

        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    /// <summary>The struct's schema.</summary>
    public Schema Schema { get; }

    /// <summary>The value of a field, or the field's default when the value is null. Throws <see cref="DataException"/> for unknown fields.</summary>
    public object? Get(string fieldName) => Get(LookupField(fieldName));

    /// <summary>The value of <paramref name="field"/>, or its default when the value is null.</summary>
    public object? Get(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values[field.Index] ?? field.Schema.DefaultValue;
    }

    /// <summary>The value of a field as set (null when unset), ignoring defaults.</summary>
    public object? GetWithoutDefault(string fieldName) => _values[LookupField(fieldName).Index];

    /// <summary>The value of an Int8 field.</summary>
    public sbyte? GetInt8(string fieldName) => (sbyte?)GetChecked(fieldName, SchemaType.Int8);

    /// <summary>The value of an Int16 field.</summary>
    public short? GetInt16(string fieldName) => (short?)GetChecked(fieldName, SchemaType.Int16);

    /// <summary>The value of an Int32 field.</summary>
    public int? GetInt32(string fieldName) => (int?)GetChecked(fieldName, SchemaType.Int32);

    /// <summary>The value of an Int64 field.</summary>
    public long? GetInt64(string fieldName) => (long?)GetChecked(fieldName, SchemaType.Int64);

    /// <summary>The value of a Float32 field.</summary>
    public float? GetFloat32(string fieldName) => (float?)GetChecked(fieldName, SchemaType.Float32);

    /// <summary>The value of a Float64 field.</summary>
    public double? GetFloat64(string fieldName) => (double?)GetChecked(fieldName, SchemaType.Float64);

    /// <summary>The value of a Boolean field.</summary>
    public bool? GetBoolean(string fieldName) => (bool?)GetChecked(fieldName, SchemaType.Boolean);

    /// <summary>The value of a String field.</summary>
    public string? GetString(string fieldName) => (string?)GetChecked(fieldName, SchemaType.String);

    /// <summary>The value of a Bytes field.</summary>
    public byte[]? GetBytes(string fieldName) => (byte[]?)GetChecked(fieldName, SchemaType.Bytes);

    /// <summary>The value of an Array field.</summary>
    public IList? GetArray(string fieldName) => (IList?)GetChecked(fieldName, SchemaType.Array);

    /// <summary>The value of a Map field.</summary>
    public IDictionary? GetMap(string fieldName) => (IDictionary?)GetChecked(fieldName, SchemaType.Map);

    /// <summary>The value of a Struct field.</summary>
    public Struct? GetStruct(string fieldName) => (Struct?)GetChecked(fieldName, SchemaType.Struct);

    /// <summary>Sets a field after checking the value against the field's schema; returns this struct.</summary>
    public Struct Put(string fieldName, object? value) => Put(LookupField(fieldName), value);

    /// <summary>Sets <paramref name="field"/> (which must belong to this struct's schema) after checking the value.</summary>
    public Struct Put(Field field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!ReferenceEquals(Schema.Field(field.Name), field) && !Equals(Schema.Field(field.Name), field))
        {
            throw new DataException($"Field \"{field.Name}\" is not part of this struct's schema");
        }

        Schema.ValidateValue(field.Name, field.Schema, value);
        _values[field.Index] = value;
        return this;
    }

    /// <summary>Throws <see cref="DataException"/> unless every field holds a valid value (required ones set, or defaulted).</summary>
    public void Validate()
    {
        foreach (var field in Schema.Fields)
        {
            Schema.ValidateValue(field.Name, field.Schema, _values[field.Index] ?? field.Schema.DefaultValue);
        }
    }

    /// <inheritdoc/>
    public bool Equals(Struct? other)
    {
        if (other is null || !Schema.Equals(other.Schema))
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!DataValues.DeepEquals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Struct s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Schema);
        foreach (var v in _values)
        {
            h.Add(DataValues.DeepHashCode(v));
        }

        return h.ToHashCode();
    }

    /// <summary>Kafka's form: <c>Struct{id=1,note=x}</c> (unset fields left out).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Struct{");
        var first = true;
        foreach (var field in Schema.Fields)
        {
            var v = _values[field.Index];
            if (v is null)
            {
                continue;
            }

            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append(field.Name).Append('=').Append(v is byte[] b ? Convert.ToBase64String(b) : v);
        }

        return sb.Append('}').ToString();
    }

    private Field LookupField(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return Schema.Field(fieldName) ?? throw new DataException($"{fieldName} is not a valid field name");
    }

    private object? GetChecked(string fieldName, SchemaType type)
    {
        var field = LookupField(fieldName);
        if (field.Schema.Type != type)
        {
            throw new DataException($"Field '{fieldName}' is not of type {SchemaTypeNames.Of(type)}");
        }

        return _values[field.Index] ?? field.Schema.DefaultValue;
    }
}
