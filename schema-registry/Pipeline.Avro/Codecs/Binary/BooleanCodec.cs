using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class BooleanCodec(Schema schema) : BinaryCodec(schema)
{
    private static readonly object True = true;
    private static readonly object False = false;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is bool b)
        {
            writer.WriteBoolean(b);
            return;
        }

        CodecErrors.Mismatch(Schema, value);
    }

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadBoolean() ? True : False;

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(1);

    public override bool IsNative(object value) => value is bool;
}
