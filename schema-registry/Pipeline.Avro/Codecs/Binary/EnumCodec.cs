using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>enum: <see cref="GenericEnum"/> or a symbol string; written as the symbol's index.</summary>
internal sealed class EnumCodec : BinaryCodec
{
    private readonly EnumSchema _schema;
    private readonly GenericEnum[] _values;

    public EnumCodec(EnumSchema schema)
        : base(schema)
    {
        _schema = schema;
        _values = schema.Symbols.Select(s => new GenericEnum(schema, s)).ToArray();
    }

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        var ordinal = value switch
        {
            GenericEnum e when ReferenceEquals(e.Schema, _schema) => e.Ordinal,
            GenericEnum e => _schema.GetOrdinal(e.Symbol),
            string s => _schema.GetOrdinal(s),
            _ => CodecErrors.Mismatch<int>(Schema, value),
        };
        if (ordinal < 0)
        {
            CodecErrors.Mismatch(Schema, value);
        }

        writer.WriteInt(ordinal);
    }

    public override object? Read(ref AvroBinaryReader reader) => ValueAt(reader.ReadInt());

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => value is GenericEnum e && e.Schema.FullName == _schema.FullName;

    public override bool CanWrite(object value) => IsNative(value) || (value is GenericEnum e && _schema.HasSymbol(e.Symbol));

    public override object? FromRaw(object? raw) => raw is string s && _schema.GetOrdinal(s) is var i and >= 0 ? _values[i] : raw;

    public override object? ToRaw(object? value) => value is GenericEnum e ? e.Symbol : value;

    /// <summary>The shared value for an index (enum values are immutable).</summary>
    public GenericEnum ValueAt(int index)
    {
        if ((uint)index >= (uint)_values.Length)
        {
            CodecErrors.Invalid($"enum index {index} out of range for {_schema.FullName} ({_values.Length} symbols)");
        }

        return _values[index];
    }
}
