using System.Text;
using Pipeline.Protocol.Records;

namespace Pipeline.Protocol.Tests.Compression;

internal static class CodecTestData
{
    public static readonly CompressionType[] Codecs =
        [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    /// <summary>The text the foreign fixtures compress: 1000 lines, about 37 KB (more than one 32 KiB xerial block).</summary>
    public static byte[] FixtureInput { get; } = MakeFixtureInput();

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Compressible(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)("abcabcabd"[i % 9] + (i / 4096 % 3));
        }

        return bytes;
    }

    public static byte[] Payload(string kind) => kind switch
    {
        "empty" => [],
        "one" => [42],
        "random1MiB" => Random(1 << 20, seed: 7),
        "compressible" => Compressible(300_000),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] MakeFixtureInput()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            text.Append("line ").Append(i % 100).Append(" of the pipeline codec fixture\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
