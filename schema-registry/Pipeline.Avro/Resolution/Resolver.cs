using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Resolution;

/// <summary>One node of a compiled writer-to-reader plan: reads the writer's bytes, returns the reader's value.</summary>
internal abstract class Resolver
{
    public abstract object? Read(ref AvroBinaryReader reader);
}
