using System.Runtime.InteropServices;

namespace Pipeline.Avro.Container.Codecs;

/// <summary>One Zstandard frame per block (libzstd.so.1 through P/Invoke; Debian package libzstd1).</summary>
public sealed class ZstandardContainerCodec(int level = 3) : ContainerCodec
{
    public override string Name => "zstandard";

    public override byte[] Compress(ReadOnlySpan<byte> data)
    {
        var source = data.ToArray();
        var destination = new byte[(int)ZstdNative.CompressBound((nuint)source.Length)];
        var written = ZstdNative.Compress(destination, (nuint)destination.Length, source, (nuint)source.Length, level);
        if (ZstdNative.IsError(written) != 0)
        {
            throw new AvroException($"zstd compression failed: {ZstdNative.ErrorName(written)}");
        }

        return destination.AsSpan(0, (int)written).ToArray();
    }

    public override byte[] Decompress(ReadOnlySpan<byte> data)
    {
        // Streaming decompression: works whether or not the frame header carries the content size.
        var source = data.ToArray();
        var context = ZstdNative.CreateDecompressionContext();
        if (context == IntPtr.Zero)
        {
            throw new AvroException("zstd: cannot create a decompression context");
        }

        var chunk = new byte[Math.Max(4096, source.Length * 4)];
        var sourceHandle = GCHandle.Alloc(source, GCHandleType.Pinned);
        var chunkHandle = GCHandle.Alloc(chunk, GCHandleType.Pinned);
        try
        {
            using var output = new MemoryStream();
            var input = new ZstdNative.Buffer { Data = sourceHandle.AddrOfPinnedObject(), Size = (nuint)source.Length };
            nuint last = 1;
            while (input.Position < input.Size || last != 0)
            {
                var outBuffer = new ZstdNative.Buffer { Data = chunkHandle.AddrOfPinnedObject(), Size = (nuint)chunk.Length };
                last = ZstdNative.DecompressStream(context, ref outBuffer, ref input);
                if (ZstdNative.IsError(last) != 0)
                {
                    throw new AvroException($"corrupt zstandard block: {ZstdNative.ErrorName(last)}");
                }

                output.Write(chunk, 0, (int)outBuffer.Position);
                if (last != 0 && input.Position == input.Size && outBuffer.Position < outBuffer.Size)
                {
                    throw new AvroException("corrupt zstandard block: truncated frame");
                }
            }

            return output.ToArray();
        }
        finally
        {
            chunkHandle.Free();
            sourceHandle.Free();
            ZstdNative.FreeDecompressionContext(context);
        }
    }
}
