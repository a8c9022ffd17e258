using System.Reflection;
using System.Runtime.InteropServices;

namespace Pipeline.Protocol.Compression;

/// <summary>
/// Finds the machine's liblz4 and libzstd (there are no managed lz4/zstd packages we may use;
/// DESIGN.md). The P/Invoke declarations use the logical names <see cref="Lz4"/> and
/// <see cref="Zstd"/>; the resolver installed here maps them to the versioned sonames Debian ships
/// (liblz4.so.1 from liblz4-1, libzstd.so.1 from libzstd1), so no -dev package is needed.
/// Codecs call <see cref="RequireLz4"/> / <see cref="RequireZstd"/> before their first native
/// call, which turns a missing library into a <see cref="CodecNotAvailableException"/> that says
/// what to install, instead of a bare DllNotFoundException.
/// </summary>
internal static class NativeCodecLibraries
{
    public const string Lz4 = "pipeline-native-lz4";
    public const string Zstd = "pipeline-native-zstd";

    private static readonly string[] Lz4Candidates = ["liblz4.so.1", "liblz4.so", "liblz4.1.dylib", "liblz4.dylib", "liblz4.dll", "lz4.dll"];
    private static readonly string[] ZstdCandidates = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib", "libzstd.dll", "zstd.dll"];

    private static readonly Lazy<LoadResult> Lz4Library = new(() => TryLoad("lz4", Lz4Candidates, "liblz4-1"));
    private static readonly Lazy<LoadResult> ZstdLibrary = new(() => TryLoad("zstd", ZstdCandidates, "libzstd1"));

    // Only one resolver may be set per assembly; nothing else in Pipeline.Protocol loads native code.
    static NativeCodecLibraries() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeCodecLibraries).Assembly, Resolve);

    public static void RequireLz4() => Require(Lz4Library.Value);

    public static void RequireZstd() => Require(ZstdLibrary.Value);

    public static bool IsLz4Available => Lz4Library.Value.Handle != IntPtr.Zero;

    public static bool IsZstdAvailable => ZstdLibrary.Value.Handle != IntPtr.Zero;

    internal readonly record struct LoadResult(IntPtr Handle, string? Error);

    internal static LoadResult TryLoad(string codec, string[] candidates, string debianPackage)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return new LoadResult(handle, null);
            }
        }

        return new LoadResult(
            IntPtr.Zero,
            $"{codec} compression needs the native library {candidates[0]}, which could not be loaded " +
            $"(tried {string.Join(", ", candidates)}). Install the Debian/Ubuntu package {debianPackage} " +
            $"(apt-get install {debianPackage}).");
    }

    private static void Require(LoadResult library)
    {
        if (library.Handle == IntPtr.Zero)
        {
            throw new CodecNotAvailableException(library.Error!);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        Lz4 => Lz4Library.Value.Handle,
        Zstd => ZstdLibrary.Value.Handle,
        _ => IntPtr.Zero,
    };
}
