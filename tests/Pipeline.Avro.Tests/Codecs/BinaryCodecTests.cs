using System.Buffers;
using System.Numerics;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Container;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Codecs;

public sealed class BinaryCodecTests
{
    private static string Hex(Schema schema, object? value) => Convert.ToHexString(new DatumWriter(schema).ToBytes(value)).ToLowerInvariant();

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(63L, "7e")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8001")]
    [InlineData(-65L, "8101")]
    [InlineData(300L, "d804")]
    [InlineData(-300L, "d704")]
    [InlineData(1000L, "d00f")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void Long_ZigZagVarint_MatchesTheSpec(long value, string hex)
    {
        var schema = Schema.Parse("\"long\"");

        Assert.Equal(hex, Hex(schema, value));
        Assert.Equal(value, new DatumReader(schema).Read(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData(int.MaxValue, "feffffff0f")]
    [InlineData(int.MinValue, "ffffffff0f")]
    public void Int_Extremes_MatchTheSpec(int value, string hex)
    {
        var schema = Schema.Parse("\"int\"");

        Assert.Equal(hex, Hex(schema, value));
        Assert.Equal(value, new DatumReader(schema).Read(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Primitives_MatchTheSpecExamples()
    {
        Assert.Equal("0000803f", Hex(Schema.Parse("\"float\""), 1.0f));
        Assert.Equal("000000000000f03f", Hex(Schema.Parse("\"double\""), 1.0));
        Assert.Equal("00000000000004c0", Hex(Schema.Parse("\"double\""), -2.5));
        Assert.Equal("06666f6f", Hex(Schema.Parse("\"string\""), "foo"));
        Assert.Equal("", Hex(Schema.Parse("\"null\""), null));
        Assert.Equal("01", Hex(Schema.Parse("\"boolean\""), true));
        Assert.Equal("0400ff", Hex(Schema.Parse("\"bytes\""), new byte[] { 0, 0xff }));
    }

    [Fact]
    public void Complex_MatchTheSpecExamples()
    {
        var record = (RecordSchema)Schema.Parse("""{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""");
        Assert.Equal("3606666f6f", Hex(record, new GenericRecord(record).Set("a", 27L).Set("b", "foo")));
        Assert.Equal("04063600", Hex(Schema.Parse("""{"type":"array","items":"long"}"""), new List<object?> { 3L, 27L }));
        Assert.Equal("0202610200", Hex(Schema.Parse("""{"type":"map","values":"int"}"""), new Dictionary<string, object?> { ["a"] = 1 }));
        var union = Schema.Parse("""["null","string"]""");
        Assert.Equal("00", Hex(union, null));
        Assert.Equal("020261", Hex(union, "a"));
        var suit = (EnumSchema)Schema.Parse("""{"type":"enum","name":"E","symbols":["A","B","C","D"]}""");
        Assert.Equal("06", Hex(suit, new GenericEnum(suit, "D")));
        Assert.Equal("06", Hex(suit, "D"));
        Assert.Equal("00", Hex(Schema.Parse("""{"type":"array","items":"int"}"""), new List<object?>()));
    }

    [Fact]
    public void Array_NegativeBlockCountsWithByteSizes_AreRead()
    {
        // two blocks: -2 items (byte size 2): 3, 27; then 1 item: 5; then 0.
        var data = Convert.FromHexString("03" + "04" + "0636" + "02" + "0a" + "00");
        var schema = Schema.Parse("""{"type":"array","items":"long"}""");

        Assert.Equal([3L, 27L, 5L], (List<object?>)new DatumReader(schema).Read(data)!);
    }

    [Fact]
    public void Skip_UsesBlockByteSizes()
    {
        var writer = (RecordSchema)Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}},{"name":"b","type":"int"}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}""");
        var data = Convert.FromHexString("0304063600" + "0e");

        var value = (GenericRecord)new DatumReader(writer, reader).Read(data)!;

        Assert.Equal(7, value["b"]);
    }

    [Fact]
    public void Everything_RoundTrips_WithLogicalValues()
    {
        var datum = TestData.LogicalDatum();
        var bytes = new DatumWriter(TestData.Everything).ToBytes(datum);

        var read = new DatumReader(TestData.Everything).Read(bytes, out var consumed);

        Assert.Equal(bytes.Length, consumed);
        Assert.True(GenericValues.DeepEquals(datum, read), $"{datum}\n{read}");
    }

    [Fact]
    public void Everything_RawMode_ReturnsUnderlyingValues()
    {
        var bytes = new DatumWriter(TestData.Everything).ToBytes(TestData.LogicalDatum());

        var raw = (GenericRecord)new DatumReader(TestData.Everything, convertLogicalTypes: false).Read(bytes)!;

        Assert.Equal(10957, raw["dateField"]);
        Assert.Equal(946720800000L, raw["timestampMillis"]);
        Assert.Equal(946728000000L, raw["localTimestampMillis"]);
        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", raw["uuidString"]);
        Assert.Equal("123E4567E89B12D3A456426614174000", Convert.ToHexString(((GenericFixed)raw["uuidFixed"]!).Bytes));
        Assert.Equal("010000000200000003000000", Convert.ToHexString(((GenericFixed)raw["durationField"]!).Bytes));
        Assert.Equal(8_000_000_000_000_100L, raw["timestampNanos"]);
        Assert.Equal(45296789, raw["timeMillis"]);
    }

    [Theory]
    [InlineData("123", 0, "7b")]
    [InlineData("-100", 0, "9c")]
    [InlineData("128", 0, "0080")]
    [InlineData("1.23", 2, "7b")]
    public void DecimalBytes_AreMinimalTwosComplement(string value, int scale, string hex)
    {
        var schema = Schema.Parse($$"""{"type":"bytes","logicalType":"decimal","precision":10,"scale":{{scale}}}""");
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var lengthPrefix = (hex.Length / 2 * 2).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(lengthPrefix + hex, Hex(schema, number));
        Assert.Equal(number, ((AvroDecimal)new DatumReader(schema).Read(new DatumWriter(schema).ToBytes(number))!).ToDecimal());
    }

    [Theory]
    [InlineData(123, "0000007b")]
    [InlineData(-100, "ffffff9c")]
    public void DecimalFixed_IsSignExtended(int value, string hex)
    {
        var schema = Schema.Parse("""{"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":9}""");

        Assert.Equal(hex, Hex(schema, new AvroDecimal(new BigInteger(value), 0)));
    }

    [Fact]
    public void Decimal_ThatNeedsRounding_IsRejected()
    {
        var schema = Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":10,"scale":1}""");

        Assert.Throws<AvroTypeException>(() => new DatumWriter(schema).ToBytes(1.25m));
    }

    [Fact]
    public void Union_PicksBranchesByValue()
    {
        var inner = """{"type":"record","name":"a.R","fields":[]}""";
        var union = (UnionSchema)Schema.Parse($$"""["null","int","long","string",{{inner}},{"type":"map","values":"int"},{"type":"array","items":"int"}]""");

        Assert.Equal("00", Hex(union, null));
        Assert.Equal("0202", Hex(union, 1));
        Assert.Equal("0402", Hex(union, 1L));
        Assert.Equal("060278", Hex(union, "x"));
        Assert.Equal("08", Hex(union, new GenericRecord((RecordSchema)union.Branches[4])));
        Assert.Equal("0a00", Hex(union, new Dictionary<string, object?>()));
        Assert.Equal("0c00", Hex(union, new List<object?>()));
        Assert.Throws<AvroTypeException>(() => Hex(union, 1.5));
    }

    [Fact]
    public void WrongValue_IsAnAvroTypeException()
    {
        var e = Assert.Throws<AvroTypeException>(() => Hex(Schema.Parse("\"int\""), "x"));

        Assert.Equal("string \"x\" is not a valid int", e.Message);
    }

    [Theory]
    [InlineData("\"string\"", "0a61")]
    [InlineData("\"long\"", "80")]
    [InlineData("\"int\"", "ffffffff1f")]
    [InlineData("\"double\"", "0000")]
    [InlineData("""{"type":"fixed","name":"F","size":4}""", "0102")]
    public void Truncated_IsAnAvroTypeException(string schema, string hex)
    {
        Assert.Throws<AvroTypeException>(() => new DatumReader(Schema.Parse(schema)).Read(Convert.FromHexString(hex)));
    }

    [Fact]
    public void SingleObject_MatchesTheSpecExample()
    {
        var schema = Schema.Parse("\"string\"");
        var message = SingleObjectEncoding.Encode(schema, "a");

        Assert.Equal("c301c703456372480" + "18f0261", Convert.ToHexString(message).ToLowerInvariant());
        Assert.True(SingleObjectEncoding.TryReadHeader(message, out var fingerprint));
        Assert.Equal(0x8f014872634503c7UL, fingerprint);
        Assert.Equal("a", SingleObjectEncoding.Decode(message, fp => fp == fingerprint ? schema : null));
        Assert.Throws<AvroException>(() => SingleObjectEncoding.Decode(message, _ => null));
        Assert.Throws<AvroException>(() => SingleObjectEncoding.Decode([0, 1, 2], _ => schema));
    }

    [Fact]
    public void Encoding_AGenericRecord_AllocatesNothingPerField()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"Hot","fields":[
              {"name":"id","type":"long"},{"name":"n","type":"int"},{"name":"ok","type":"boolean"},{"name":"x","type":"double"},
              {"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"attrs","type":{"type":"map","values":"long"}},{"name":"opt","type":["null","string"]},
              {"name":"kind","type":{"type":"enum","name":"K","symbols":["A","B"]}},{"name":"raw","type":"bytes"},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"id2","type":{"type":"string","logicalType":"uuid"}},{"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}
            """);
        var record = new GenericRecord(schema)
            .Set("id", 42L).Set("n", 7).Set("ok", true).Set("x", 1.25).Set("name", "héllo")
            .Set("tags", new List<object?> { "a", "b" }).Set("attrs", new Dictionary<string, object?> { ["k"] = 1L })
            .Set("opt", "v").Set("kind", new GenericEnum((EnumSchema)schema.GetField("kind")!.Schema, "B"))
            .Set("raw", new byte[] { 1, 2, 3 }).Set("ts", DateTimeOffset.UnixEpoch).Set("day", new DateOnly(2020, 1, 1))
            .Set("id2", Guid.NewGuid()).Set("dec", new AvroDecimal(12345, 2));
        var writer = new DatumWriter(schema);
        var buffer = new ArrayBufferWriter<byte>(4096);
        writer.Write(record, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            writer.Write(record, buffer);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
