using System.Text;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Resolution;

/// <summary>The spec's promotions: int to long/float/double, long to float/double, float to double, string to/from bytes.</summary>
internal sealed class PromoteResolver(SchemaType from, SchemaType to, BinaryCodec readerCodec) : Resolver
{
    public static bool IsValid(SchemaType from, SchemaType to) => (from, to) switch
    {
        (SchemaType.Int, SchemaType.Long or SchemaType.Float or SchemaType.Double) => true,
        (SchemaType.Long, SchemaType.Float or SchemaType.Double) => true,
        (SchemaType.Float, SchemaType.Double) => true,
        (SchemaType.String, SchemaType.Bytes) => true,
        (SchemaType.Bytes, SchemaType.String) => true,
        _ => false,
    };

    public override object? Read(ref AvroBinaryReader reader)
    {
        object raw = (from, to) switch
        {
            (SchemaType.Int, SchemaType.Long) => (long)reader.ReadInt(),
            (SchemaType.Int, SchemaType.Float) => (float)reader.ReadInt(),
            (SchemaType.Int, SchemaType.Double) => (double)reader.ReadInt(),
            (SchemaType.Long, SchemaType.Float) => (float)reader.ReadLong(),
            (SchemaType.Long, SchemaType.Double) => (double)reader.ReadLong(),
            (SchemaType.Float, SchemaType.Double) => (double)reader.ReadFloat(),
            (SchemaType.String, SchemaType.Bytes) => reader.ReadBytes(),
            (SchemaType.Bytes, SchemaType.String) => Encoding.UTF8.GetString(reader.ReadBytes()),
            _ => throw new InvalidOperationException($"no promotion from {from} to {to}"),
        };
        return readerCodec.FromRaw(raw);
    }
}
