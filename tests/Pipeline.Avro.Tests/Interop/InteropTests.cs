using System.Text.Json.Nodes;
using Pipeline.Avro.Canonical;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Container;
using Pipeline.Avro.Container.Codecs;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Interop;

/// <summary>
/// Files and single datums cross between Pipeline.Avro and python3-avro / avsc in both
/// directions, over a schema with every type and logical type; values are compared as plain JSON
/// (underlying values), canonical forms and fingerprints as text.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InteropTests : IDisposable
{
    private const int Count = 3;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("avro-interop-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string SchemaFile()
    {
        var path = Path.Combine(_dir.FullName, "everything.avsc");
        File.WriteAllText(path, TestData.Everything.ToJson());
        return path;
    }

    /// <summary>The datums as plain JSON: what our own binary holds, read back with logical types off.</summary>
    private static JsonArray Expected()
    {
        var writer = new DatumWriter(TestData.Everything);
        var raw = new DatumReader(TestData.Everything, convertLogicalTypes: false);
        return new JsonArray(Enumerable.Range(0, Count).Select(i => PlainJson.From(raw.Read(writer.ToBytes(TestData.LogicalDatum(i))))).ToArray());
    }

    private string WriteOurFile(string codec)
    {
        var path = Path.Combine(_dir.FullName, $"ours-{codec}.avro");
        using var writer = new AvroFileWriter(File.Create(path), TestData.Everything, ContainerCodec.ForName(codec), syncInterval: 200);
        for (var i = 0; i < Count; i++)
        {
            writer.Append(TestData.LogicalDatum(i));
        }

        return path;
    }

    private static JsonArray ReadOurs(string path, out string codec)
    {
        using var reader = new AvroFileReader(File.OpenRead(path), TestData.Everything, convertLogicalTypes: false);
        codec = reader.CodecName;
        return new JsonArray(reader.Select(PlainJson.From).ToArray());
    }

    private static void AssertLogicalValuesRead(string path)
    {
        // The full schema travels in the header, so our logical reading of their file gives the original values.
        using var reader = new AvroFileReader(File.OpenRead(path));
        var values = reader.ToList();
        for (var i = 0; i < Count; i++)
        {
            Assert.True(GenericValues.DeepEquals(TestData.LogicalDatum(i), values[i]), $"datum {i}: {values[i]}");
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void PythonAvro_ReadsOurFiles(string codec)
    {
        var output = InteropTools.RunPython("read-file", WriteOurFile(codec), SchemaFile());

        Assert.Equal(codec, (string?)output["codec"]);
        InteropTools.AssertJsonEqual(Expected(), output["values"], "values python3-avro read");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void PythonAvro_FilesItWrites_AreReadByUs(string codec)
    {
        var file = Path.Combine(_dir.FullName, $"python-{codec}.avro");
        InteropTools.RunPython("write-file", SchemaFile(), InteropTools.WriteJson(_dir.FullName, "values.json", Expected()), file, codec);

        var values = ReadOurs(file, out var codecName);

        Assert.Equal(codec, codecName);
        InteropTools.AssertJsonEqual(Expected(), values, "values we read from python3-avro's file");
        AssertLogicalValuesRead(file);
    }

    [Fact]
    public void PythonAvro_Datums_BothWays()
    {
        var schemaFile = SchemaFile();
        var writer = new DatumWriter(TestData.Everything);
        var ours = new JsonArray(Enumerable.Range(0, Count).Select(i => (JsonNode?)JsonValue.Create(Convert.ToHexString(writer.ToBytes(TestData.LogicalDatum(i))).ToLowerInvariant())).ToArray());

        var decoded = InteropTools.RunPython("decode", schemaFile, InteropTools.WriteJson(_dir.FullName, "hexes.json", ours));
        var encoded = InteropTools.RunPython("encode", schemaFile, InteropTools.WriteJson(_dir.FullName, "values.json", Expected()));

        InteropTools.AssertJsonEqual(Expected(), decoded["values"], "datums python3-avro decoded");
        InteropTools.AssertJsonEqual(ours, encoded["datums"], "datums python3-avro encoded (bytes)");
        var fingerprint = SchemaFingerprint.Crc64Avro(TestData.Everything);
        for (var i = 0; i < Count; i++)
        {
            var message = Convert.FromHexString((string)encoded["singleObject"]![i]!);
            Assert.Equal(SingleObjectEncoding.Encode(TestData.Everything, TestData.LogicalDatum(i)), message);
            var value = SingleObjectEncoding.Decode(message, fp => fp == fingerprint ? TestData.Everything : null);
            Assert.True(GenericValues.DeepEquals(TestData.LogicalDatum(i), value));
        }
    }

    [SkippableTheory]
    [InlineData("everything")]
    [InlineData("interop")]
    public void PythonAvro_CanonicalFormAndFingerprints_Agree(string which)
    {
        var (schema, file) = SchemaUnderTest(which);

        var output = InteropTools.RunPython("canonical", file);

        Assert.Equal(schema.ToCanonicalForm(), (string?)output["canonical"]);
        var asIs = (string)output["canonicalAsIs"]!;
        if (which == "interop")
        {
            Assert.Equal(schema.ToCanonicalForm(), asIs);
        }
        else
        {
            // python3-avro 1.11 keeps {"type":"bytes"} for primitives with a logical type; that is the only difference.
            Assert.NotEqual(schema.ToCanonicalForm(), asIs);
            Assert.Equal(schema.ToCanonicalForm(), System.Text.RegularExpressions.Regex.Replace(asIs, "\\{\"type\":\"(int|long|bytes|string)\"\\}", "\"$1\""));
        }

        Assert.Equal(Convert.ToHexString(SchemaFingerprint.Md5(schema)).ToLowerInvariant(), (string?)output["md5"]);
        Assert.Equal(Convert.ToHexString(SchemaFingerprint.Sha256(schema)).ToLowerInvariant(), (string?)output["sha256"]);
        Assert.Equal(SchemaFingerprint.Crc64Avro(schema).ToString("x16"), (string?)output["crc64"]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Avsc_ReadsOurFiles(string codec)
    {
        var output = InteropTools.RunNode("read-file", WriteOurFile(codec));

        Assert.Equal(codec, (string?)output["codec"]);
        InteropTools.AssertJsonEqual(Expected(), output["values"], "values avsc read");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    public void Avsc_FilesItWrites_AreReadByUs(string codec)
    {
        var file = Path.Combine(_dir.FullName, $"avsc-{codec}.avro");
        InteropTools.RunNode("write-file", SchemaFile(), InteropTools.WriteJson(_dir.FullName, "values.json", Expected()), file, codec);

        var values = ReadOurs(file, out var codecName);

        Assert.Equal(codec, codecName);
        InteropTools.AssertJsonEqual(Expected(), values, "values we read from avsc's file");
    }

    [Fact]
    public void Avsc_Datums_BothWays()
    {
        var schemaFile = SchemaFile();
        var writer = new DatumWriter(TestData.Everything);
        var ours = new JsonArray(Enumerable.Range(0, Count).Select(i => (JsonNode?)JsonValue.Create(Convert.ToHexString(writer.ToBytes(TestData.LogicalDatum(i))).ToLowerInvariant())).ToArray());

        var decoded = InteropTools.RunNode("decode", schemaFile, InteropTools.WriteJson(_dir.FullName, "hexes.json", ours));
        var encoded = InteropTools.RunNode("encode", schemaFile, InteropTools.WriteJson(_dir.FullName, "values.json", Expected()));

        InteropTools.AssertJsonEqual(Expected(), decoded["values"], "datums avsc decoded");
        InteropTools.AssertJsonEqual(ours, encoded["datums"], "datums avsc encoded (bytes)");
    }

    [SkippableTheory]
    [InlineData("everything")]
    [InlineData("interop")]
    public void Avsc_CanonicalFormAndFingerprints_Agree(string which)
    {
        var (schema, file) = SchemaUnderTest(which);

        var output = InteropTools.RunNode("canonical", file);

        Assert.Equal(schema.ToCanonicalForm(), (string?)output["canonical"]);
        Assert.Equal(Convert.ToHexString(SchemaFingerprint.Md5(schema)).ToLowerInvariant(), (string?)output["md5"]);
        Assert.Equal(Convert.ToHexString(SchemaFingerprint.Sha256(schema)).ToLowerInvariant(), (string?)output["sha256"]);
    }

    private (Schema Schema, string File) SchemaUnderTest(string which) => which == "interop"
        ? (Schema.Parse(SharedReference.InteropSchemaJson), SharedReference.InteropSchemaPath)
        : (TestData.Everything, SchemaFile());
}
