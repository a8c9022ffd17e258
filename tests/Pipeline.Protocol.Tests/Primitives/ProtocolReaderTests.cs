using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Primitives;

public sealed class ProtocolReaderTests
{
    private delegate void ReadAction(ref ProtocolReader reader);

    private static void AssertMalformed(byte[] bytes, ReadAction read)
    {
        var reader = new ProtocolReader(bytes);
        try
        {
            read(ref reader);
        }
        catch (ProtocolException)
        {
            return;
        }

        Assert.Fail("expected a ProtocolException");
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7F }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300u)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, (uint)int.MaxValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    public void ReadUnsignedVarInt_Examples_Decode(byte[] bytes, uint expected)
    {
        var reader = new ProtocolReader(bytes);
        Assert.Equal(expected, reader.ReadUnsignedVarInt());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadUnsignedVarInt_SixBytes_Throws() =>
        AssertMalformed([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], (ref ProtocolReader r) => r.ReadUnsignedVarInt());

    [Fact]
    public void ReadUnsignedVarInt_Truncated_Throws() =>
        AssertMalformed([0x80, 0x80], (ref ProtocolReader r) => r.ReadUnsignedVarInt());

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x01 }, -1)]
    [InlineData(new byte[] { 0x02 }, 1)]
    [InlineData(new byte[] { 0x7F }, -64)]
    [InlineData(new byte[] { 0x80, 0x01 }, 64)]
    public void ReadVarIntAndVarLong_ZigZagExamples_Decode(byte[] bytes, int expected)
    {
        var reader = new ProtocolReader(bytes);
        Assert.Equal(expected, reader.ReadVarInt());
        reader = new ProtocolReader(bytes);
        Assert.Equal(expected, reader.ReadVarLong());
    }

    [Fact]
    public void ReadVarLong_ElevenBytes_Throws() =>
        AssertMalformed([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], (ref ProtocolReader r) => r.ReadVarLong());

    [Fact]
    public void ReadString_ClassicAndCompact_Decode()
    {
        var reader = new ProtocolReader(new byte[] { 0x00, 0x02, 0xC3, 0xA9, 0x03, (byte)'h', (byte)'i', 0x01, 0x00, 0xFF, 0xFF });
        Assert.Equal("é", reader.ReadString(compact: false));
        Assert.Equal("hi", reader.ReadString(compact: true));
        Assert.Equal("", reader.ReadString(compact: true));
        Assert.Null(reader.ReadNullableString(compact: true));
        Assert.Null(reader.ReadNullableString(compact: false));
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadString_InvalidUtf8_Throws() =>
        AssertMalformed([0x00, 0x02, 0xC3, 0x28], (ref ProtocolReader r) => r.ReadString(compact: false));

    [Fact]
    public void ReadString_NullWhereNotNullable_Throws() =>
        AssertMalformed([0xFF, 0xFF], (ref ProtocolReader r) => r.ReadString(compact: false));

    [Fact]
    public void ReadString_NegativeLength_Throws() =>
        AssertMalformed([0xFF, 0xFE], (ref ProtocolReader r) => r.ReadNullableString(compact: false));

    [Fact]
    public void ReadString_LengthPastEnd_Throws() =>
        AssertMalformed([0x00, 0x05, 0x61], (ref ProtocolReader r) => r.ReadString(compact: false));

    [Fact]
    public void ReadBytes_NegativeLength_Throws() =>
        AssertMalformed([0xFF, 0xFF, 0xFF, 0xFE], (ref ProtocolReader r) => r.ReadNullableBytes(compact: false));

    [Fact]
    public void ReadBytes_CompactNullAndEmpty_Decode()
    {
        var reader = new ProtocolReader(new byte[] { 0x00, 0x01, 0x02, 0x7F });
        Assert.Null(reader.ReadNullableBytes(compact: true));
        Assert.Empty(reader.ReadBytes(compact: true));
        Assert.Equal(new byte[] { 0x7F }, reader.ReadBytes(compact: true));
    }

    [Fact]
    public void ReadRecords_Null_IsNullRecordSet()
    {
        var reader = new ProtocolReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x02, 0x0A, 0x0B });
        Assert.True(reader.ReadRecords(compact: false).IsNull);
        var records = reader.ReadRecords(compact: false);
        Assert.Equal(new byte[] { 0x0A, 0x0B }, records.Memory.ToArray());
    }

    [Fact]
    public void ReadArrayLength_NullIsMinusOne()
    {
        var reader = new ProtocolReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x00 });
        Assert.Equal(-1, reader.ReadArrayLength(compact: false));
        Assert.Equal(-1, reader.ReadArrayLength(compact: true));
    }

    [Fact]
    public void ReadArrayLength_BelowMinusOne_Throws() =>
        AssertMalformed([0xFF, 0xFF, 0xFF, 0xFE], (ref ProtocolReader r) => r.ReadArrayLength(compact: false));

    [Fact]
    public void ReadArrayLength_MoreElementsThanBytes_Throws() =>
        AssertMalformed([0x7F, 0xFF, 0xFF, 0xFF, 0x00], (ref ProtocolReader r) => r.ReadArrayLength(compact: false));

    [Fact]
    public void ReadArrayLength_CompactHugeCount_Throws() =>
        AssertMalformed([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], (ref ProtocolReader r) => r.ReadArrayLength(compact: true));

    [Fact]
    public void ReadFixedWidth_BigEndian_Decode()
    {
        var reader = new ProtocolReader(new byte[]
        {
            0xFE, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0x01,
        });
        Assert.Equal(-2, reader.ReadInt8());
        Assert.Equal(0x0102, reader.ReadInt16());
        Assert.Equal(0xFFFE, reader.ReadUInt16());
        Assert.Equal(256, reader.ReadInt32());
        Assert.Equal(42L, reader.ReadInt64());
        Assert.True(reader.ReadBool());
    }

    [Fact]
    public void ReadInt32_Truncated_Throws() =>
        AssertMalformed([0x00, 0x00, 0x01], (ref ProtocolReader r) => r.ReadInt32());

    [Fact]
    public void Slice_PastEnd_Throws() =>
        AssertMalformed([0x01, 0x02], (ref ProtocolReader r) => r.Slice(3));

    [Fact]
    public void Slice_NegativeCount_Throws() =>
        AssertMalformed([0x01, 0x02], (ref ProtocolReader r) => r.Slice(-1));
}
