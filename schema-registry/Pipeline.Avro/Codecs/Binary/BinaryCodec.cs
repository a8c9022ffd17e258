using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>
/// Reads, writes and skips the values of one schema in Avro binary (one small sealed class per
/// type, Npgsql-style). Built once per schema by <see cref="CodecBuilder"/> and shared.
/// Writing allocates nothing: values are only type-tested and unboxed.
/// </summary>
internal abstract class BinaryCodec(Schema schema)
{
    public Schema Schema { get; } = schema;

    public abstract void Write(ref AvroBinaryWriter writer, object? value);

    public abstract object? Read(ref AvroBinaryReader reader);

    public abstract void Skip(ref AvroBinaryReader reader);

    /// <summary>True when the value is this schema's own generic type (first pass of union branch selection).</summary>
    public abstract bool IsNative(object value);

    /// <summary>True when <see cref="Write"/> accepts the value, possibly after a widening (second pass).</summary>
    public virtual bool CanWrite(object value) => IsNative(value);

    /// <summary>Logical value to the underlying Avro value (JSON encoding writes underlying values).</summary>
    public virtual object? ToRaw(object? value) => value;

    /// <summary>Underlying Avro value to the value <see cref="Read"/> would return.</summary>
    public virtual object? FromRaw(object? raw) => raw;
}
