using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Compression;

public class NativeCodecLibrariesTests
{
    [Fact]
    public void TryLoad_MissingLibrary_ExplainsWhichDebianPackageToInstall()
    {
        var result = NativeCodecLibraries.TryLoad("lz4", ["libpipeline-no-such-lz4.so.1"], "liblz4-1");

        Assert.Equal(IntPtr.Zero, result.Handle);
        Assert.Contains("libpipeline-no-such-lz4.so.1", result.Error);
        Assert.Contains("apt-get install liblz4-1", result.Error);
    }

    [Fact]
    public void MachineLibraries_AreAvailable()
    {
        // The test image has liblz4-1 and libzstd1; if this fails, the codec tests below it will too.
        Assert.True(CompressionCodecs.IsAvailable(CompressionType.Lz4));
        Assert.True(CompressionCodecs.IsAvailable(CompressionType.Zstd));
    }

    [Theory]
    [InlineData("", 0x02CC5D05u)]
    [InlineData("a", 0x550D7456u)]
    [InlineData("abc", 0x32D153FFu)]
    [InlineData("Nobody inspects the spammish repetition", 0xE2293B2Fu)]
    public void XxHash32_KnownVectors(string input, uint expected)
    {
        Assert.Equal(expected, XxHash32.Hash(System.Text.Encoding.ASCII.GetBytes(input)));
    }
}
