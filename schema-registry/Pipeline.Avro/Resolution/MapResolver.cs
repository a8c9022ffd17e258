using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Resolution;

/// <summary>map with resolved values.</summary>
internal sealed class MapResolver : Resolver
{
    public Resolver Values { get; set; } = null!;

    public override object? Read(ref AvroBinaryReader reader)
    {
        var result = new Dictionary<string, object?>();
        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
        {
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                result[key] = Values.Read(ref reader);
            }
        }

        return result;
    }
}
