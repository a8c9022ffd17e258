using System.Runtime.InteropServices;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// Owns one native (de)compression context. Contexts are expensive to create (zstd's carry
/// window buffers of up to a few MiB), so each thread keeps one of each kind in a [ThreadStatic]
/// slot and reuses it; when the thread ends the handle becomes unreachable and its finalizer frees
/// the native memory. A context is only ever used by the thread that holds it.
/// </summary>
internal sealed class NativeCodecContext : SafeHandle
{
    public enum Kind
    {
        Lz4Decompression,
        ZstdCompression,
        ZstdDecompression,
    }

    [ThreadStatic]
    private static NativeCodecContext? t_lz4Decompression;

    [ThreadStatic]
    private static NativeCodecContext? t_zstdCompression;

    [ThreadStatic]
    private static NativeCodecContext? t_zstdDecompression;

    private readonly Kind _kind;

    private NativeCodecContext(Kind kind, IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _kind = kind;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static unsafe NativeCodecContext Lz4Decompression()
    {
        if (t_lz4Decompression is { } cached)
        {
            return cached;
        }

        IntPtr ctx;
        var code = Lz4Native.CreateDecompressionContext(&ctx, Lz4Native.FrameApiVersion);
        if (Lz4Native.IsError(code) != 0 || ctx == IntPtr.Zero)
        {
            throw new OutOfMemoryException($"LZ4F_createDecompressionContext failed: {Lz4Native.ErrorName(code)}");
        }

        return t_lz4Decompression = new NativeCodecContext(Kind.Lz4Decompression, ctx);
    }

    public static NativeCodecContext ZstdCompression() =>
        t_zstdCompression ??= Create(Kind.ZstdCompression, ZstdNative.CreateCompressionContext());

    public static NativeCodecContext ZstdDecompression() =>
        t_zstdDecompression ??= Create(Kind.ZstdDecompression, ZstdNative.CreateDecompressionContext());

    private static NativeCodecContext Create(Kind kind, IntPtr ctx) =>
        ctx == IntPtr.Zero ? throw new OutOfMemoryException($"creating a native {kind} context failed") : new NativeCodecContext(kind, ctx);

    protected override bool ReleaseHandle()
    {
        switch (_kind)
        {
            case Kind.Lz4Decompression:
                Lz4Native.FreeDecompressionContext(handle);
                break;
            case Kind.ZstdCompression:
                ZstdNative.FreeCompressionContext(handle);
                break;
            case Kind.ZstdDecompression:
                ZstdNative.FreeDecompressionContext(handle);
                break;
        }

        return true;
    }
}
