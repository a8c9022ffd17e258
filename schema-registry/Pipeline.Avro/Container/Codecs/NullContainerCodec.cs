namespace Pipeline.Avro.Container.Codecs;

/// <summary>No compression.</summary>
public sealed class NullContainerCodec : ContainerCodec
{
    public override string Name => "null";

    public override byte[] Compress(ReadOnlySpan<byte> data) => data.ToArray();

    public override byte[] Decompress(ReadOnlySpan<byte> data) => data.ToArray();
}
