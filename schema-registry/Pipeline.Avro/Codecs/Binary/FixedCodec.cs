using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>fixed: <see cref="GenericFixed"/>, or a byte[] of the right size.</summary>
internal sealed class FixedCodec(FixedSchema schema) : BinaryCodec(schema)
{
    private readonly FixedSchema _schema = schema;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        var bytes = value switch
        {
            GenericFixed f => f.Bytes,
            byte[] b => b,
            _ => CodecErrors.Mismatch<byte[]>(Schema, value),
        };
        if (bytes.Length != _schema.Size)
        {
            CodecErrors.Invalid($"fixed {_schema.FullName} needs {_schema.Size} bytes, got {bytes.Length}");
        }

        writer.WriteFixed(bytes);
    }

    public override object? Read(ref AvroBinaryReader reader) => new GenericFixed(_schema, reader.ReadFixed(_schema.Size).ToArray());

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(_schema.Size);

    public override bool IsNative(object value) => value is GenericFixed f && f.Schema.FullName == _schema.FullName;

    public override bool CanWrite(object value) => IsNative(value) || (value is byte[] b && b.Length == _schema.Size) || (value is GenericFixed g && g.Bytes.Length == _schema.Size);
}
