using Pipeline.Protocol.Compression;

namespace Pipeline.Client.Producer;

/// <summary>
/// Per-thread buffers that buffer serializers write keys and values into before the record is
/// appended to its batch (its length must be known first). Reused, so serializing allocates nothing.
/// </summary>
internal static class SerializationScratch
{
    [ThreadStatic]
    private static PooledBufferWriter? t_key;

    [ThreadStatic]
    private static PooledBufferWriter? t_value;

    public static PooledBufferWriter Key
    {
        get
        {
            var w = t_key ??= new PooledBufferWriter(256, retainLimit: 1 << 20);
            w.Reset();
            return w;
        }
    }

    public static PooledBufferWriter Value
    {
        get
        {
            var w = t_value ??= new PooledBufferWriter(1024, retainLimit: 1 << 20);
            w.Reset();
            return w;
        }
    }
}
