using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Primitives;

public sealed class ProtocolWriterTests
{
    private static byte[] Written(Action<ProtocolWriter> write)
    {
        using var writer = new ProtocolWriter(16);
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(0u, new byte[] { 0x00 })]
    [InlineData(127u, new byte[] { 0x7F })]
    [InlineData(128u, new byte[] { 0x80, 0x01 })]
    [InlineData(300u, new byte[] { 0xAC, 0x02 })]
    [InlineData((uint)int.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 })]
    [InlineData(uint.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    public void WriteUnsignedVarInt_Examples_Encode(uint value, byte[] expected)
    {
        Assert.Equal(expected, Written(w => w.WriteUnsignedVarInt(value)));
        Assert.Equal(expected.Length, ProtocolWriter.UnsignedVarIntSize(value));
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(-1, new byte[] { 0x01 })]
    [InlineData(1, new byte[] { 0x02 })]
    [InlineData(-64, new byte[] { 0x7F })]
    [InlineData(64, new byte[] { 0x80, 0x01 })]
    public void WriteVarIntAndVarLong_ZigZagExamples_Encode(int value, byte[] expected)
    {
        Assert.Equal(expected, Written(w => w.WriteVarInt(value)));
        Assert.Equal(expected, Written(w => w.WriteVarLong(value)));
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-300)]
    public void VarInt_Extremes_RoundTrip(int value)
    {
        var reader = new ProtocolReader(Written(w => w.WriteVarInt(value)));
        Assert.Equal(value, reader.ReadVarInt());
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void VarLong_Extremes_RoundTrip(long value)
    {
        var bytes = Written(w => w.WriteVarLong(value));
        Assert.Equal(10, bytes.Length);
        var reader = new ProtocolReader(bytes);
        Assert.Equal(value, reader.ReadVarLong());
    }

    [Fact]
    public void WriteString_ClassicCompactAndNull_Encode()
    {
        Assert.Equal(new byte[] { 0x00, 0x02, 0xC3, 0xA9 }, Written(w => w.WriteString("é", compact: false)));
        Assert.Equal(new byte[] { 0x03, 0xC3, 0xA9 }, Written(w => w.WriteString("é", compact: true)));
        Assert.Equal(new byte[] { 0xFF, 0xFF }, Written(w => w.WriteNullableString(null, compact: false)));
        Assert.Equal(new byte[] { 0x00 }, Written(w => w.WriteNullableString(null, compact: true)));
        Assert.Equal(new byte[] { 0x01 }, Written(w => w.WriteString("", compact: true)));
    }

    [Fact]
    public void WriteArrayLength_NullAndCounts_Encode()
    {
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, Written(w => w.WriteNullArrayLength(compact: false)));
        Assert.Equal(new byte[] { 0x00 }, Written(w => w.WriteNullArrayLength(compact: true)));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x03 }, Written(w => w.WriteArrayLength(3, compact: false)));
        Assert.Equal(new byte[] { 0x04 }, Written(w => w.WriteArrayLength(3, compact: true)));
    }

    [Fact]
    public void WriteRecords_NullAndBytes_Encode()
    {
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, Written(w => w.WriteRecords(RecordSet.Null, compact: false)));
        Assert.Equal(new byte[] { 0x00 }, Written(w => w.WriteRecords(RecordSet.Null, compact: true)));
        Assert.Equal(new byte[] { 0x03, 0x0A, 0x0B }, Written(w => w.WriteRecords(new RecordSet(new byte[] { 0x0A, 0x0B }), compact: true)));
    }

    [Fact]
    public void EndSizedValue_ShortValue_InsertsOneByteLength()
    {
        var bytes = Written(w =>
        {
            w.WriteUInt8(0xEE);
            var mark = w.BeginSizedValue();
            w.WriteInt32(0x01020304);
            w.EndSizedValue(mark);
            w.WriteUInt8(0xDD);
        });
        Assert.Equal(new byte[] { 0xEE, 0x04, 0x01, 0x02, 0x03, 0x04, 0xDD }, bytes);
    }

    [Fact]
    public void EndSizedValue_EmptyValue_InsertsZero()
    {
        var bytes = Written(w =>
        {
            var mark = w.BeginSizedValue();
            w.EndSizedValue(mark);
        });
        Assert.Equal(new byte[] { 0x00 }, bytes);
    }

    [Fact]
    public void EndSizedValue_LongValueAcrossGrowth_InsertsTwoByteLengthAndKeepsContent()
    {
        var content = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = Written(w =>
        {
            w.WriteUInt8(0xEE);
            var mark = w.BeginSizedValue();
            w.WriteRaw(content);
            w.EndSizedValue(mark);
        });
        Assert.Equal(1 + 2 + 300, bytes.Length);
        Assert.Equal(new byte[] { 0xEE, 0xAC, 0x02 }, bytes[..3]);
        Assert.Equal(content, bytes[3..]);
    }

    [Fact]
    public void EndSizedValue_Nested_BothLengthsCorrect()
    {
        var bytes = Written(w =>
        {
            var outer = w.BeginSizedValue();
            w.WriteUInt8(0x01);
            var inner = w.BeginSizedValue();
            w.WriteInt16(0x0203);
            w.EndSizedValue(inner);
            w.EndSizedValue(outer);
        });
        Assert.Equal(new byte[] { 0x04, 0x01, 0x02, 0x02, 0x03 }, bytes);
    }

    [Fact]
    public void Writer_GrowsPastInitialCapacity_KeepsEverything()
    {
        var bytes = Written(w =>
        {
            for (var i = 0; i < 5000; i++)
            {
                w.WriteInt32(i);
            }
        });
        var reader = new ProtocolReader(bytes);
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
        }
    }

    [Fact]
    public void Reset_AfterWriting_StartsEmpty()
    {
        using var writer = new ProtocolWriter();
        writer.WriteInt64(7);
        writer.Reset();
        Assert.Equal(0, writer.Position);
        writer.WriteInt8(1);
        Assert.Equal(new byte[] { 0x01 }, writer.WrittenSpan.ToArray());
    }
}
