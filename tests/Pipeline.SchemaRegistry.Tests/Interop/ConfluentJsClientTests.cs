using System.Text.Json.Nodes;
using Pipeline.Avro.Codecs;
using Pipeline.Client.Serialization;
using Pipeline.SchemaRegistry.Serdes;
using Pipeline.SchemaRegistry.Tests.Fixtures;
using Xunit.Abstractions;

namespace Pipeline.SchemaRegistry.Tests.Interop;

/// <summary>
/// Confluent's JavaScript client, @confluentinc/schemaregistry 1.10.1 (js/registry_client.js),
/// against our registry: its REST calls, and its AvroSerializer/AvroDeserializer (avsc inside)
/// against ours, byte for byte.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfluentJsClientTests(SharedRegistry shared, ITestOutputHelper output) : IClassFixture<SharedRegistry>
{
    private const string Address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";

    /// <summary>Refers to com.acme.Address, which the registry knows only through the reference.</summary>
    private const string Person = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"home\",\"type\":\"com.acme.Address\"}]}";

    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task Client_RegisterLookUpCompatibilityConfigDelete_AnswersLikeConfluents()
    {
        var subject = SharedRegistry.Subject("js");

        var o = await ClientScripts.NodeAsync(output, "api", R.Url, subject, TestSchemas.UserV1, TestSchemas.UserV2, TestSchemas.UserNoDefault);

        var id = Int(o["registered"]);
        var byId = (await R.GetAsync($"/schemas/ids/{id}")).AssertOk();
        Assert.Equal(TestSchemas.UserV1, byId.Json.GetProperty("schema").GetString());
        Assert.Equal(id, Int(o["registeredAgain"]));
        Assert.Equal(id, Int(o["lookedUpId"]));
        AssertVersion(o["lookup"], id, 1, subject, TestSchemas.UserV1);
        Assert.Equal(1, Int(o["lookedUpVersion"]));
        AssertVersion(o["latest"], id, 1, subject, TestSchemas.UserV1);
        Assert.Equal(TestSchemas.UserV1, (string?)o["bySubjectAndId"]!["schema"]);
        Assert.Null(o["bySubjectAndId"]!["schemaType"]?.GetValue<string>());

        Assert.True((bool)o["compatibleV2"]!);
        Assert.False((bool)o["compatibleIncompatible"]!);
        Assert.True((bool)o["compatibleWithVersion1"]!);
        var v2 = Int(o["registeredV2"]);
        Assert.NotEqual(id, v2);
        Assert.Equal([1, 2], Ints(o["versions"]));
        Assert.True((bool)o["subjectListed"]!);
        AssertVersion(o["version1"], id, 1, null, TestSchemas.UserV1);

        Assert.Equal("BACKWARD", (string?)o["defaultCompatibility"]);
        Assert.Equal("FULL", (string?)o["updatedCompatibility"]);
        Assert.Equal("FULL", (string?)o["compatibility"]);
        InteropOrder.AssertSameJson("{\"compatibility\":\"NONE\",\"normalize\":true}", o["updatedConfig"], "PUT /config/{subject} answer");
        InteropOrder.AssertSameJson("{\"compatibilityLevel\":\"NONE\",\"normalize\":true}", o["config"], "GET /config/{subject} answer");
        InteropOrder.AssertSameJson("{\"compatibilityLevel\":\"BACKWARD\"}", o["defaultConfig"], "GET /config answer");

        var v3 = Int(o["registeredIncompatible"]);
        Assert.DoesNotContain(v3, new[] { id, v2 });
        Assert.Equal(3, Int(o["deletedVersion"]));
        Assert.Equal(3, Int(o["deletedLookup"]));
        Assert.Equal(v3, Int(o["deletedFetched"]));

        var errors = o["errors"]!;
        AssertError(errors["unknownSubject"], 404, 40401);
        AssertError(errors["unknownVersion"], 404, 40402);
        AssertError(errors["unknownSchema"], 404, 40403);
        AssertError(errors["unknownId"], 404, 40403);
        AssertError(errors["invalidSchema"], 422, 42201);
        AssertError(errors["incompatible"], 409, 409);

        Assert.Equal([1, 2], Ints(o["deletedSubject"]));
        Assert.Equal([1, 2, 3], Ints(o["deletedPermanently"]));
        (await R.GetAsync($"/subjects/{subject}/versions?deleted=true")).AssertError(404, 40401);
    }

    [Fact]
    public async Task AvroSerializer_LatestVersion_WritesOurBytesAndOurDeserializerReadsThem()
    {
        var topic = "jsl" + Guid.NewGuid().ToString("N")[..8];
        var id = await R.RegisterAsync($"{topic}-value", InteropOrder.SchemaText);
        using var client = new SchemaRegistryClient(R.Url);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        var written = await ClientScripts.NodeAsync(output, "serialize", R.Url, topic, "latest", InteropOrder.FullJson, InteropOrder.EmptyJson);

        foreach (var (hex, record) in written["hex"]!.AsArray().Zip([InteropOrder.Full(), InteropOrder.Empty()], (h, r) => ((string)h!, r)))
        {
            var theirs = Convert.FromHexString(hex);
            var ours = new AvroSerializer<GenericRecord>(client).Serialize(record, context)!;

            Assert.Equal(id, WireFormat.ReadSchemaId(theirs));
            Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(theirs));
            Assert.Equal(record, new AvroDeserializer<GenericRecord>(client).Deserialize(theirs, isNull: false, context));
        }
    }

    [Fact]
    public async Task AvroSerializer_AutoRegister_RegistersTheInferredSchemaAndOurDeserializerReadsIt()
    {
        var topic = "jsa" + Guid.NewGuid().ToString("N")[..8];
        const string value = "{\"name\":\"ann\",\"age\":42,\"active\":true,\"tags\":[\"x\"],\"data\":{\"$bytes\":\"0a0b\"}}";

        var bytes = Convert.FromHexString((string)(await ClientScripts.NodeAsync(output, "serialize", R.Url, topic, "auto", value))["hex"]![0]!);

        // avsc infers a record named Record1 and the client registers it under the topic's value subject.
        var latest = (await R.GetAsync($"/subjects/{topic}-value/versions/latest")).AssertOk().Json;
        Assert.Equal(1, latest.GetProperty("version").GetInt32());
        Assert.Equal(latest.GetProperty("id").GetInt32(), WireFormat.ReadSchemaId(bytes));
        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"Record1\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"},{\"name\":\"active\",\"type\":\"boolean\"},{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"data\",\"type\":\"bytes\"}]}",
            latest.GetProperty("schema").GetString());

        using var client = new SchemaRegistryClient(R.Url);
        var read = new AvroDeserializer<GenericRecord>(client).Deserialize(bytes, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
        Assert.Equal("Record1", read.Schema.FullName);
        Assert.Equal("ann", read["name"]);
        Assert.Equal(42, read["age"]);
        Assert.Equal(true, read["active"]);
        Assert.Equal(new List<object?> { "x" }, (List<object?>)read["tags"]!);
        Assert.Equal(new byte[] { 0x0a, 0x0b }, (byte[])read["data"]!);
    }

    [Fact]
    public async Task AvroDeserializer_ReadsWhatOurSerializerWrote()
    {
        var topic = "jsd" + Guid.NewGuid().ToString("N")[..8];
        using var client = new SchemaRegistryClient(R.Url);
        var serializer = new AvroSerializer<GenericRecord>(client);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        var full = Convert.ToHexString(serializer.Serialize(InteropOrder.Full(), context)!);
        var empty = Convert.ToHexString(serializer.Serialize(InteropOrder.Empty(), context)!);

        var read = await ClientScripts.NodeAsync(output, "deserialize", R.Url, topic, full, empty);

        InteropOrder.AssertSameJson(InteropOrder.FullJson, read["values"]![0], "the full value @confluentinc/schemaregistry read from our bytes");
        InteropOrder.AssertSameJson(InteropOrder.EmptyJson, read["values"]![1], "the empty value @confluentinc/schemaregistry read from our bytes");
    }

    [Fact]
    public async Task AvroSerdes_SchemaWithReferences_SameBytesAndEachReadsTheOther()
    {
        var topic = "jsr" + Guid.NewGuid().ToString("N")[..8];
        const string value = "{\"name\":\"ann\",\"home\":{\"city\":\"Oslo\"}}";

        var o = await ClientScripts.NodeAsync(output, "references", R.Url, topic, Address, Person, value);

        var personId = Int(o["personId"]);
        var latest = (await R.GetAsync($"/subjects/{topic}-value/versions/latest")).AssertOk().Json;
        Assert.Equal(personId, latest.GetProperty("id").GetInt32());
        Assert.NotEqual(Int(o["addressId"]), personId);
        var references = $"[{{\"name\":\"com.acme.Address\",\"subject\":\"{topic}-address\",\"version\":1}}]";
        InteropOrder.AssertSameJson(references, JsonNode.Parse(latest.GetProperty("references").GetRawText()), "references the registry stored");
        InteropOrder.AssertSameJson(references, o["latest"]!["references"], "references the client read back");

        var theirs = Convert.FromHexString((string)o["hex"]!);
        Assert.Equal(personId, WireFormat.ReadSchemaId(theirs));
        using var client = new SchemaRegistryClient(R.Url);
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var read = new AvroDeserializer<GenericRecord>(client).Deserialize(theirs, isNull: false, context);
        Assert.Equal("ann", read["name"]);
        Assert.Equal("Oslo", ((GenericRecord)read["home"]!)["city"]);

        var ours = new AvroSerializer<GenericRecord>(client, AvroSerdeConfig.Default with { UseLatestVersion = true }).Serialize(read, context)!;
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
        var back = await ClientScripts.NodeAsync(output, "deserialize", R.Url, topic, Convert.ToHexString(ours));
        InteropOrder.AssertSameJson(value, back["values"]![0], "the value @confluentinc/schemaregistry read from our bytes");
    }

    private static int Int(JsonNode? node) => node!.GetValue<int>();

    private static int[] Ints(JsonNode? node) => node!.AsArray().Select(Int).ToArray();

    private static void AssertVersion(JsonNode? node, int id, int version, string? subject, string schema)
    {
        Assert.Equal(id, Int(node!["id"]));
        Assert.Equal(version, Int(node["version"]));
        if (subject is not null)
        {
            Assert.Equal(subject, (string?)node["subject"]);
        }

        Assert.Equal(schema, (string?)node["schema"]);
    }

    private static void AssertError(JsonNode? node, int status, int errorCode) =>
        Assert.True(node?["status"]?.GetValue<int>() == status && node["errorCode"]?.GetValue<int>() == errorCode, $"expected {status}/{errorCode}, got {node?.ToJsonString()}");
}
