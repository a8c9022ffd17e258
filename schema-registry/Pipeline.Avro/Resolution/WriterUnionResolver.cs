using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Resolution;

/// <summary>Writer is a union: read its branch index and resolve that branch against the reader.</summary>
internal sealed class WriterUnionResolver(Resolver[] branches) : Resolver
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var index = reader.ReadInt();
        if ((uint)index >= (uint)branches.Length)
        {
            throw new AvroTypeException($"union branch index {index} out of range ({branches.Length} branches)");
        }

        return branches[index].Read(ref reader);
    }
}
