using System.Text;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_IsTheCatalogueValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_ManyLengthsAndStarts_MatchesTheBitwiseReference()
    {
        var buffer = new byte[3000];
        new Random(77).NextBytes(buffer);
        for (var length = 0; length <= 2000; length++)
        {
            var data = buffer.AsSpan(length % 7, length);
            Assert.Equal(Reference(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void Append_InPieces_EqualsComputeOverTheWhole()
    {
        var data = new byte[1000];
        new Random(8).NextBytes(data);

        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    [Fact]
    public void Compute_QuickBrownFox_MatchesZlib()
    {
        // zlib.crc32(b"The quick brown fox jumps over the lazy dog") == 0x414FA339
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
