using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>A fixed value: exactly <see cref="FixedSchema.Size"/> bytes.</summary>
public sealed class GenericFixed : IEquatable<GenericFixed>
{
    public GenericFixed(FixedSchema schema, byte[] bytes)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != schema.Size)
        {
            throw new AvroTypeException($"fixed {schema.FullName} needs {schema.Size} bytes, got {bytes.Length}");
        }

        Bytes = bytes;
    }

    public FixedSchema Schema { get; }

    public byte[] Bytes { get; }

    public bool Equals(GenericFixed? other) => other is not null && other.Bytes.AsSpan().SequenceEqual(Bytes) && other.Schema.FullName == Schema.FullName;

    public override bool Equals(object? obj) => Equals(obj as GenericFixed);

    public override int GetHashCode() => Bytes.Length;

    public override string ToString() => Convert.ToHexString(Bytes);
}
