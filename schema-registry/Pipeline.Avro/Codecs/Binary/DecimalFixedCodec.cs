using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>decimal on fixed(n): the unscaled value sign-extended to n bytes.</summary>
internal sealed class DecimalFixedCodec(FixedSchema schema) : BinaryCodec(schema)
{
    private readonly FixedSchema _schema = schema;
    private readonly int _scale = schema.LogicalType!.Scale;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is GenericFixed or byte[])
        {
            var bytes = value is GenericFixed f ? f.Bytes : (byte[])value;
            if (bytes.Length != _schema.Size)
            {
                CodecErrors.Invalid($"fixed {_schema.FullName} needs {_schema.Size} bytes, got {bytes.Length}");
            }

            writer.WriteFixed(bytes);
            return;
        }

        var unscaled = DecimalBytes.ToScale(value, _scale, Schema).Unscaled;
        Span<byte> buffer = _schema.Size <= 64 ? stackalloc byte[_schema.Size] : new byte[_schema.Size];
        if (!DecimalBytes.WriteFixed(unscaled, buffer))
        {
            CodecErrors.Invalid($"decimal {new AvroDecimal(unscaled, _scale)} does not fit in fixed {_schema.FullName} of {_schema.Size} bytes");
        }

        writer.WriteFixed(buffer);
    }

    public override object? Read(ref AvroBinaryReader reader) => new AvroDecimal(DecimalBytes.Read(reader.ReadFixed(_schema.Size)), _scale);

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(_schema.Size);

    public override bool IsNative(object value) => value is AvroDecimal or decimal;

    public override bool CanWrite(object value) => value is AvroDecimal or decimal or System.Numerics.BigInteger or GenericFixed or byte[];

    public override object? ToRaw(object? value)
    {
        if (value is GenericFixed)
        {
            return value;
        }

        var bytes = new byte[_schema.Size];
        if (!DecimalBytes.WriteFixed(DecimalBytes.ToScale(value, _scale, Schema).Unscaled, bytes))
        {
            CodecErrors.Invalid($"decimal does not fit in fixed {_schema.FullName}");
        }

        return new GenericFixed(_schema, bytes);
    }

    public override object? FromRaw(object? raw) => raw switch
    {
        GenericFixed f => new AvroDecimal(DecimalBytes.Read(f.Bytes), _scale),
        byte[] b => new AvroDecimal(DecimalBytes.Read(b), _scale),
        _ => raw,
    };

}
