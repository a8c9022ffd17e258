using System.Runtime.InteropServices;

namespace Pipeline.Avro.Container.Codecs;

/// <summary>
/// The few functions of the machine's libzstd.so.1 (zstd.h, stable API) the zstandard codec
/// calls. Blittable arguments only (arrays are pinned by the marshaller, buffers pinned with
/// GCHandle), so no unsafe code: the architecture test allows it only in Protocol and Storage.
/// </summary>
internal static class ZstdNative
{
    private const string Library = "libzstd.so.1";

    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public IntPtr Data;
        public nuint Size;
        public nuint Position;
    }

    [DllImport(Library, EntryPoint = "ZSTD_compressBound")]
    public static extern nuint CompressBound(nuint sourceSize);

    [DllImport(Library, EntryPoint = "ZSTD_compress")]
    public static extern nuint Compress(byte[] destination, nuint destinationCapacity, byte[] source, nuint sourceSize, int level);

    [DllImport(Library, EntryPoint = "ZSTD_createDCtx")]
    public static extern IntPtr CreateDecompressionContext();

    [DllImport(Library, EntryPoint = "ZSTD_freeDCtx")]
    public static extern nuint FreeDecompressionContext(IntPtr context);

    /// <summary>Returns 0 when a frame is fully decoded and flushed, else a hint or an error code.</summary>
    [DllImport(Library, EntryPoint = "ZSTD_decompressStream")]
    public static extern nuint DecompressStream(IntPtr context, ref Buffer output, ref Buffer input);

    [DllImport(Library, EntryPoint = "ZSTD_isError")]
    public static extern uint IsError(nuint code);

    [DllImport(Library, EntryPoint = "ZSTD_getErrorName")]
    public static extern IntPtr GetErrorName(nuint code);

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8(GetErrorName(code)) ?? "unknown zstd error";
}
