using System.Text.Json.Nodes;
using Pipeline.Avro.Codecs;
using Pipeline.Client.Serialization;
using Pipeline.SchemaRegistry.Serdes;
using Pipeline.SchemaRegistry.Tests.Fixtures;
using Xunit.Abstractions;

namespace Pipeline.SchemaRegistry.Tests.Interop;

/// <summary>
/// confluent-kafka for Python 1.7.0 (Debian's python3-confluent-kafka, python/registry_client.py)
/// against our registry: confluent_kafka.schema_registry.SchemaRegistryClient for the REST calls,
/// and the Avro MessageSerializer of confluent_kafka.avro (python3-avro inside) against our serdes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfluentPythonClientTests(SharedRegistry shared, ITestOutputHelper output) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task SchemaRegistryClient_RegisterLookUpCompatibilityConfigDelete_AnswersLikeConfluents()
    {
        var subject = SharedRegistry.Subject("py");

        var o = await ClientScripts.PythonAsync(output, "api", R.Url, subject, TestSchemas.UserV1, TestSchemas.UserV2, TestSchemas.UserNoDefault);

        var id = Int(o["registered"]);
        Assert.Equal(TestSchemas.UserV1, (await R.GetAsync($"/schemas/ids/{id}")).AssertOk().Json.GetProperty("schema").GetString());
        Assert.Equal(id, Int(o["registeredAgain"]));
        AssertVersion(o["lookup"], id, 1, subject);
        AssertVersion(o["latest"], id, 1, subject);
        AssertVersion(o["version1"], id, 1, subject);
        Assert.Equal(TestSchemas.UserV1, (string?)o["byId"]!["schema"]);
        Assert.Equal("AVRO", (string?)o["byId"]!["schemaType"]);

        Assert.True((bool)o["compatibleV2"]!);
        Assert.False((bool)o["compatibleIncompatible"]!);
        Assert.True((bool)o["compatibleWithVersion1"]!);
        Assert.NotEqual(id, Int(o["registeredV2"]));
        Assert.Equal([1, 2], Ints(o["versions"]));
        Assert.True((bool)o["subjectListed"]!);

        Assert.Equal("BACKWARD", (string?)o["defaultCompatibility"]);
        InteropOrder.AssertSameJson("{\"compatibility\":\"NONE\"}", o["updatedCompatibility"], "PUT /config/{subject} answer");
        Assert.Equal("NONE", (string?)o["compatibility"]);
        Assert.DoesNotContain(Int(o["registeredIncompatible"]), new[] { id, Int(o["registeredV2"]) });
        Assert.Equal(3, Int(o["deletedVersion"]));
        Assert.Equal([1, 2], Ints(o["versionsAfterDelete"]));

        var errors = o["errors"]!;
        AssertError(errors["unknownSubject"], 404, 40401);
        AssertError(errors["unknownVersion"], 404, 40402);
        AssertError(errors["unknownSchema"], 404, 40403);
        AssertError(errors["unknownId"], 404, 40403);
        AssertError(errors["invalidSchema"], 422, 42201);
        AssertError(errors["incompatible"], 409, 409);
        AssertError(errors["invalidLevel"], 422, 42203);

        Assert.Equal([1, 2], Ints(o["deletedPermanently"]));
        Assert.False((bool)o["subjectListedAfterDelete"]!);
        (await R.GetAsync($"/subjects/{subject}/versions?deleted=true")).AssertError(404, 40401);
    }

    [Fact]
    public async Task SchemaRegistryClient_SchemaWithReferences_RegistersLooksUpAndReadsThemBack()
    {
        var subject = SharedRegistry.Subject("pyr");
        const string address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        const string person = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"home\",\"type\":\"com.acme.Address\"}]}";

        var o = await ClientScripts.PythonAsync(output, "references", R.Url, subject, address, person);

        var personId = Int(o["personId"]);
        Assert.NotEqual(Int(o["addressId"]), personId);
        Assert.Equal(personId, (await R.GetAsync($"/subjects/{subject}/versions/latest")).AssertOk().Json.GetProperty("id").GetInt32());
        Assert.Equal(personId, Int(o["lookup"]!["id"]));
        Assert.Equal(1, Int(o["lookup"]!["version"]));
        Assert.Equal(personId, Int(o["latest"]!["id"]));
        var references = $"[{{\"name\":\"com.acme.Address\",\"subject\":\"{subject}-address\",\"version\":1}}]";
        InteropOrder.AssertSameJson(references, o["lookup"]!["references"], "references of the lookup");
        InteropOrder.AssertSameJson(references, o["latest"]!["references"], "references of the latest version");
        InteropOrder.AssertSameJson(references, o["byId"]!["references"], "references of the schema by id");

        // Stored as Confluent's canonical string: the referenced type by its name relative to the namespace.
        var stored = person.Replace("\"com.acme.Address\"", "\"Address\"", StringComparison.Ordinal);
        Assert.Equal(stored, (string?)o["latest"]!["schema"]);
        Assert.Equal(stored, (string?)o["byId"]!["schema"]);
    }

    [Fact]
    public async Task MessageSerializer_WritesOurBytesAndOurDeserializerReadsThem()
    {
        var topic = "pys" + Guid.NewGuid().ToString("N")[..8];
        using var client = new SchemaRegistryClient(R.Url);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        // The Python serializer registers the schema text under {topic}-value; ours then finds the same id.
        var written = await ClientScripts.PythonAsync(output, "serialize", R.Url, topic, InteropOrder.SchemaText, InteropOrder.FullJson, InteropOrder.EmptyJson);
        var latest = (await R.GetAsync($"/subjects/{topic}-value/versions/latest")).AssertOk().Json;
        Assert.Equal(1, latest.GetProperty("version").GetInt32());

        foreach (var (hex, record) in written["hex"]!.AsArray().Zip([InteropOrder.Full(), InteropOrder.Empty()], (h, r) => ((string)h!, r)))
        {
            var theirs = Convert.FromHexString(hex);
            var ours = new AvroSerializer<GenericRecord>(client).Serialize(record, context)!;

            Assert.Equal(latest.GetProperty("id").GetInt32(), WireFormat.ReadSchemaId(theirs));
            Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(theirs));
            Assert.Equal(record, new AvroDeserializer<GenericRecord>(client).Deserialize(theirs, isNull: false, context));
        }
    }

    [Fact]
    public async Task MessageSerializer_DecodesWhatOurSerializerWrote()
    {
        var topic = "pyd" + Guid.NewGuid().ToString("N")[..8];
        using var client = new SchemaRegistryClient(R.Url);
        var serializer = new AvroSerializer<GenericRecord>(client);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        var full = Convert.ToHexString(serializer.Serialize(InteropOrder.Full(), context)!);
        var empty = Convert.ToHexString(serializer.Serialize(InteropOrder.Empty(), context)!);

        var read = await ClientScripts.PythonAsync(output, "deserialize", R.Url, full, empty);

        InteropOrder.AssertSameJson(InteropOrder.FullJson, read["values"]![0], "the full value confluent-kafka's MessageSerializer decoded from our bytes");
        InteropOrder.AssertSameJson(InteropOrder.EmptyJson, read["values"]![1], "the empty value confluent-kafka's MessageSerializer decoded from our bytes");
    }

    private static int Int(JsonNode? node) => node!.GetValue<int>();

    private static int[] Ints(JsonNode? node) => node!.AsArray().Select(Int).ToArray();

    private static void AssertVersion(JsonNode? node, int id, int version, string subject)
    {
        Assert.Equal(id, Int(node!["id"]));
        Assert.Equal(version, Int(node["version"]));
        Assert.Equal(subject, (string?)node["subject"]);
        Assert.Equal(TestSchemas.UserV1, (string?)node["schema"]);
        Assert.Equal("AVRO", (string?)node["schemaType"]);
    }

    private static void AssertError(JsonNode? node, int status, int errorCode) =>
        Assert.True(node?["status"]?.GetValue<int>() == status && node["errorCode"]?.GetValue<int>() == errorCode, $"expected {status}/{errorCode}, got {node?.ToJsonString()}");
}
