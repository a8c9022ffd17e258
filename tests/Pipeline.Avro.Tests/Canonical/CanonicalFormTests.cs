using System.Text;
using Pipeline.Avro.Canonical;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Canonical;

public sealed class CanonicalFormTests
{
    [Theory]
    [InlineData("""{"type":"array","items":{"type":"long","logicalType":"timestamp-millis"}}""", """{"type":"array","items":"long"}""")]
    [InlineData("""{"type":"fixed","name":"md5","namespace":"x","size":16}""", """{"name":"x.md5","type":"fixed","size":16}""")]
    [InlineData("""{"type":"int","logicalType":"date"}""", "\"int\"")]
    [InlineData("""{"type":"map","values":{"type":"error","name":"E","fields":[]}}""", """{"type":"map","values":{"name":"E","type":"record","fields":[]}}""")]
    [InlineData("""
        {"type":"record","name":"R","namespace":"a.b","doc":"x","fields":[
          {"name":"f","type":["null",{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}],"default":null},
          {"name":"g","type":"E"}]}
        """, """{"name":"a.b.R","type":"record","fields":[{"name":"f","type":["null",{"name":"a.b.E","type":"enum","symbols":["A","B"]}]},{"name":"g","type":"a.b.E"}]}""")]
    public void CanonicalForm_MatchesTheReference(string json, string expected)
    {
        Assert.Equal(expected, Schema.Parse(json).ToCanonicalForm());
    }

    [SkippableFact]
    public void CanonicalForm_Interop_BeginsAndEndsAsTheReferenceSays()
    {
        var pcf = Schema.Parse(SharedReference.InteropSchemaJson).ToCanonicalForm();

        Assert.StartsWith("""{"name":"org.apache.avro.Interop","type":"record","fields":[{"name":"intField","type":"int"},""", pcf);
        Assert.EndsWith("""{"name":"children","type":{"type":"array","items":"org.apache.avro.Node"}}]}}]}""", pcf);
    }

    [Theory]
    [InlineData("", 0xc15d213aa4d7a795UL)]
    [InlineData("\"null\"", 0x63dd24e7cc258f8aUL)]
    [InlineData("\"int\"", 0x7275d51a3f395c8fUL)]
    [InlineData("\"string\"", 0x8f014872634503c7UL)]
    [InlineData("""{"type":"array","items":"long"}""", 0x5416c98ba22e5e71UL)]
    [InlineData("""{"name":"x.md5","type":"fixed","size":16}""", 0x1fc90ff2fe81f91dUL)]
    public void Crc64Avro_MatchesTheCheckValues(string pcf, ulong expected)
    {
        Assert.Equal(expected, SchemaFingerprint.Crc64Avro(Encoding.UTF8.GetBytes(pcf)));
    }

    [Fact]
    public void Crc64Avro_TableSpotChecks()
    {
        Assert.Equal(0UL, SchemaFingerprint.TableEntry(0));
        Assert.Equal(0x2cf1cba6b75351faUL, SchemaFingerprint.TableEntry(1));
        Assert.Equal(0x9a3978b155abf5b0UL, SchemaFingerprint.TableEntry(255));
    }

    [SkippableFact]
    public void Crc64Avro_Interop_MatchesTheReference()
    {
        Assert.Equal(0xa4b5a0a6930a2ce8UL, SchemaFingerprint.Crc64Avro(Schema.Parse(SharedReference.InteropSchemaJson)));
    }

    [Fact]
    public void Fingerprints_AreOverTheCanonicalForm()
    {
        var a = Schema.Parse("""{"type":"record","name":"R","doc":"one","fields":[{"name":"f","type":"int","default":1}]}""");
        var b = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f","type":{"type":"int","logicalType":"date"}}]}""");

        Assert.Equal(SchemaFingerprint.Md5(a), SchemaFingerprint.Md5(b));
        Assert.Equal(SchemaFingerprint.Sha256(a), SchemaFingerprint.Sha256(b));
        Assert.Equal(SchemaFingerprint.Crc64Avro(a), SchemaFingerprint.Crc64Avro(b));
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.MD5.HashData("\"int\""u8)), Convert.ToHexString(SchemaFingerprint.Md5(Schema.Parse("\"int\""))));
        Assert.Equal([0x8f, 0x5c, 0x39, 0x3f, 0x1a, 0xd5, 0x75, 0x72], SchemaFingerprint.Compute("CRC-64-AVRO", Schema.Parse("\"int\"")));
    }
}
