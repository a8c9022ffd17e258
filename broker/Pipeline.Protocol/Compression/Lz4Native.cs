using System.Runtime.InteropServices;

namespace Pipeline.Protocol.Compression;

/// <summary>The part of liblz4's frame API (lz4frame.h, stable since 1.8) that the codec uses.</summary>
internal static unsafe partial class Lz4Native
{
    /// <summary>LZ4F_VERSION: the API version a decompression context is created for.</summary>
    public const uint FrameApiVersion = 100;

    public const int BlockSizeMax64Kb = 4;
    public const int BlockIndependent = 1;

    /// <summary>
    /// LZ4F_preferences_t (56 bytes on 64-bit): LZ4F_frameInfo_t (blockSizeID, blockMode,
    /// contentChecksumFlag, frameType, contentSize u64, dictID, blockChecksumFlag) followed by
    /// compressionLevel, autoFlush, favorDecSpeed and 3 reserved unsigned ints.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Preferences
    {
        public int BlockSizeId;
        public int BlockMode;
        public int ContentChecksumFlag;
        public int FrameType;
        public ulong ContentSize;
        public uint DictionaryId;
        public int BlockChecksumFlag;
        public int CompressionLevel;
        public uint AutoFlush;
        public uint FavorDecompressionSpeed;
        public uint Reserved0;
        public uint Reserved1;
        public uint Reserved2;
    }

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_compressFrameBound")]
    public static partial nuint CompressFrameBound(nuint sourceSize, Preferences* preferences);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_compressFrame")]
    public static partial nuint CompressFrame(byte* destination, nuint destinationCapacity, byte* source, nuint sourceSize, Preferences* preferences);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_isError")]
    public static partial uint IsError(nuint code);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_getErrorName")]
    public static partial byte* GetErrorName(nuint code);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_createDecompressionContext")]
    public static partial nuint CreateDecompressionContext(IntPtr* context, uint version);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_freeDecompressionContext")]
    public static partial nuint FreeDecompressionContext(IntPtr context);

    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_resetDecompressionContext")]
    public static partial void ResetDecompressionContext(IntPtr context);

    /// <summary>
    /// Consumes up to *sourceSize bytes and produces up to *destinationSize; both are updated to
    /// what was used. Returns 0 when a frame is complete, else a hint of source bytes still
    /// expected, or an error code (<see cref="IsError"/>).
    /// </summary>
    [LibraryImport(NativeCodecLibraries.Lz4, EntryPoint = "LZ4F_decompress")]
    public static partial nuint Decompress(IntPtr context, byte* destination, nuint* destinationSize, byte* source, nuint* sourceSize, void* options);

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((IntPtr)GetErrorName(code)) ?? "unknown lz4 error";
}
