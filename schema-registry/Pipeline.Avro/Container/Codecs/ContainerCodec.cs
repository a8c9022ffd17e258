namespace Pipeline.Avro.Container.Codecs;

/// <summary>
/// The compression of an object container file's blocks (<c>avro.codec</c>). Blocks are whole
/// byte arrays of at most a few hundred KB, so codecs take and return arrays.
/// </summary>
public abstract class ContainerCodec
{
    /// <summary>The <c>avro.codec</c> value: null, deflate, snappy, zstandard.</summary>
    public abstract string Name { get; }

    public abstract byte[] Compress(ReadOnlySpan<byte> data);

    public abstract byte[] Decompress(ReadOnlySpan<byte> data);

    public static ContainerCodec Null { get; } = new NullContainerCodec();

    public static ContainerCodec Deflate { get; } = new DeflateContainerCodec();

    public static ContainerCodec Snappy { get; } = new SnappyContainerCodec();

    public static ContainerCodec Zstandard { get; } = new ZstandardContainerCodec();

    /// <summary>The codec for an <c>avro.codec</c> name (absent means null).</summary>
    public static ContainerCodec ForName(string? name) => name switch
    {
        null or "" or "null" => Null,
        "deflate" => Deflate,
        "snappy" => Snappy,
        "zstandard" => Zstandard,
        _ => throw new AvroException($"unsupported codec \"{name}\" (null, deflate, snappy and zstandard are)"),
    };
}
