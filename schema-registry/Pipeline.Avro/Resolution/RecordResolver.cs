using Pipeline.Avro.Codecs;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Resolution;

/// <summary>
/// Records: walk the writer's fields in the writer's order, storing each into its reader field
/// (matched by name or reader alias) or skipping it; then fill reader fields the writer lacks
/// from their defaults (decoded afresh for each record, so records never share default objects).
/// </summary>
internal sealed class RecordResolver(RecordSchema reader) : Resolver
{
    /// <summary>Per writer field: the reader position and resolver, or position -1 and the writer codec to skip with.</summary>
    public (int ReaderPosition, Resolver? Resolver, BinaryCodec? Skipper)[] WriterSteps { get; set; } = [];

    /// <summary>Reader fields absent from the writer: position, encoded default, codec that decodes it.</summary>
    public (int ReaderPosition, byte[] Default, BinaryCodec Codec)[] Defaults { get; set; } = [];

    public override object? Read(ref AvroBinaryReader input)
    {
        var record = new GenericRecord(reader);
        foreach (var (position, resolver, skipper) in WriterSteps)
        {
            if (position >= 0)
            {
                record[position] = resolver!.Read(ref input);
            }
            else
            {
                skipper!.Skip(ref input);
            }
        }

        foreach (var (position, defaultBytes, codec) in Defaults)
        {
            var defaultReader = new AvroBinaryReader(defaultBytes);
            record[position] = codec.Read(ref defaultReader);
        }

        return record;
    }
}
