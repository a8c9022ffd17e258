using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// A record value: one slot per field of <see cref="Schema"/>, by position or name. Field values
/// use the generic model (see README): null, bool, int, long, float, double, byte[], string,
/// <see cref="GenericRecord"/>, <see cref="GenericEnum"/>, <see cref="GenericFixed"/>, lists,
/// dictionaries, and .NET types for logical values.
/// </summary>
public sealed class GenericRecord : IEquatable<GenericRecord>
{
    private readonly object?[] _values;

    public GenericRecord(RecordSchema schema)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _values = new object?[schema.Fields.Count];
    }

    public RecordSchema Schema { get; }

    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    public object? this[string fieldName]
    {
        get => _values[Position(fieldName)];
        set => _values[Position(fieldName)] = value;
    }

    /// <summary>Sets a field and returns this record, for building values in one expression.</summary>
    public GenericRecord Set(string fieldName, object? value)
    {
        _values[Position(fieldName)] = value;
        return this;
    }

    public bool TryGet(string fieldName, out object? value)
    {
        if (Schema.GetField(fieldName) is { } field)
        {
            value = _values[field.Position];
            return true;
        }

        value = null;
        return false;
    }

    public bool Equals(GenericRecord? other) => GenericValues.DeepEquals(this, other);

    public override bool Equals(object? obj) => Equals(obj as GenericRecord);

    public override int GetHashCode() => Schema.FullName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => GenericValues.ToDebugString(this);

    private int Position(string fieldName) =>
        Schema.GetField(fieldName)?.Position ?? throw new ArgumentException($"record {Schema.FullName} has no field \"{fieldName}\"", nameof(fieldName));
}
