using System.Runtime.InteropServices;

namespace Pipeline.Protocol.Compression;

/// <summary>The part of libzstd's stable API (zstd.h, 1.4+) that the codec uses.</summary>
internal static unsafe partial class ZstdNative
{
    /// <summary>ZSTD_reset_session_only: forget a half-decoded frame, keep parameters.</summary>
    public const int ResetSessionOnly = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct InBuffer
    {
        public byte* Source;
        public nuint Size;
        public nuint Position;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct OutBuffer
    {
        public byte* Destination;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_compressBound")]
    public static partial nuint CompressBound(nuint sourceSize);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_createCCtx")]
    public static partial IntPtr CreateCompressionContext();

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_freeCCtx")]
    public static partial nuint FreeCompressionContext(IntPtr context);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_compressCCtx")]
    public static partial nuint CompressWithContext(IntPtr context, byte* destination, nuint destinationCapacity, byte* source, nuint sourceSize, int level);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_createDCtx")]
    public static partial IntPtr CreateDecompressionContext();

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_freeDCtx")]
    public static partial nuint FreeDecompressionContext(IntPtr context);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_DCtx_reset")]
    public static partial nuint ResetDecompressionContext(IntPtr context, int directive);

    /// <summary>
    /// Returns 0 when a frame is completely decoded and flushed, else a hint of input still
    /// wanted, or an error code. Moves on to the next frame by itself (concatenated frames).
    /// </summary>
    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_decompressStream")]
    public static partial nuint DecompressStream(IntPtr context, OutBuffer* output, InBuffer* input);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_getFrameContentSize")]
    public static partial ulong GetFrameContentSize(byte* source, nuint sourceSize);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_isError")]
    public static partial uint IsError(nuint code);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_getErrorName")]
    public static partial byte* GetErrorName(nuint code);

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_minCLevel")]
    public static partial int MinLevel();

    [LibraryImport(NativeCodecLibraries.Zstd, EntryPoint = "ZSTD_maxCLevel")]
    public static partial int MaxLevel();

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((IntPtr)GetErrorName(code)) ?? "unknown zstd error";
}
