using Pipeline.Avro.Codecs;
using Pipeline.Avro.Codecs.Binary;

namespace Pipeline.Avro.Resolution;

/// <summary>Writer and reader encode alike (same primitive, same fixed size): the reader's codec reads, applying the reader's logical type.</summary>
internal sealed class ReaderCodecResolver(BinaryCodec readerCodec) : Resolver
{
    public override object? Read(ref AvroBinaryReader reader) => readerCodec.Read(ref reader);
}
