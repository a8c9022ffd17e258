using System.Text;
using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

public class Crc32CTests
{
    [Fact]
    public void Compute_CheckString_IsTheCatalogueValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_EveryLengthUpTo5000AtUnalignedStarts_MatchesTheBitwiseReference()
    {
        // Lengths from 768 up take the three-stream path; odd starts make every 8-byte read unaligned.
        var buffer = new byte[5000 + 16];
        new Random(1234).NextBytes(buffer);
        for (var length = 0; length <= 5000; length++)
        {
            var start = length % 9;
            var data = buffer.AsSpan(start, length);
            Assert.Equal(Reference(data), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Compute_LargeRandomBuffer_MatchesTheBitwiseReference()
    {
        var data = new byte[(3 << 20) + 13];
        new Random(99).NextBytes(data);

        Assert.Equal(Reference(data.AsSpan(3)), Crc32C.Compute(data.AsSpan(3)));
    }

    [Fact]
    public void Append_InPieces_EqualsComputeOverTheWhole()
    {
        var data = new byte[10_000];
        new Random(5).NextBytes(data);
        foreach (var split in new[] { 0, 1, 7, 768, 2304, 9999, 10_000 })
        {
            var crc = Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split));
            Assert.Equal(Crc32C.Compute(data), crc);
        }
    }

    // One bit at a time, straight from the definition (reflected polynomial 0x82F63B78).
    internal static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
