using Pipeline.Avro.Codecs;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Resolution;

/// <summary>Maps the writer's symbol index to the reader's symbol by name; unknown symbols take the reader enum's default, else fail.</summary>
internal sealed class EnumResolver : Resolver
{
    private readonly GenericEnum?[] _byWriterIndex;
    private readonly EnumSchema _writer;
    private readonly EnumSchema _reader;

    public EnumResolver(EnumSchema writer, EnumSchema reader, EnumCodec readerCodec)
    {
        _writer = writer;
        _reader = reader;
        _byWriterIndex = new GenericEnum?[writer.Symbols.Count];
        var defaultIndex = reader.Default is null ? -1 : reader.GetOrdinal(reader.Default);
        for (var i = 0; i < writer.Symbols.Count; i++)
        {
            var j = reader.GetOrdinal(writer.Symbols[i]);
            if (j < 0)
            {
                j = defaultIndex;
            }

            _byWriterIndex[i] = j < 0 ? null : readerCodec.ValueAt(j);
        }
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        var index = reader.ReadInt();
        if ((uint)index >= (uint)_byWriterIndex.Length)
        {
            throw new AvroTypeException($"enum index {index} out of range for {_writer.FullName} ({_byWriterIndex.Length} symbols)");
        }

        return _byWriterIndex[index] ?? throw new AvroTypeException($"no match for symbol {_writer.Symbols[index]}: not in reader enum {_reader.FullName} [{string.Join(", ", _reader.Symbols)}], which has no default");
    }
}
