using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Resolution;

/// <summary>array with resolved items (blocks as the writer wrote them).</summary>
internal sealed class ArrayResolver : Resolver
{
    public Resolver Items { get; set; } = null!;

    public override object? Read(ref AvroBinaryReader reader)
    {
        var result = new List<object?>();
        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
        {
            for (long i = 0; i < count; i++)
            {
                result.Add(Items.Read(ref reader));
            }
        }

        return result;
    }
}
