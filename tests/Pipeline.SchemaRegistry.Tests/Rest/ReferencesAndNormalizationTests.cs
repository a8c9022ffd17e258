using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class ReferencesAndNormalizationTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task Reference_IsResolved_StoredByName_AndProtectedFromDeletion()
    {
        var ns = "ref" + Guid.NewGuid().ToString("N")[..8];
        var addressSubject = SharedRegistry.Subject("address");
        var orderSubject = SharedRegistry.Subject("order");
        var address = $"{{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"{ns}\",\"fields\":[{{\"name\":\"city\",\"type\":\"string\"}}]}}";
        await R.RegisterAsync(addressSubject, address);

        var order = $"{{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"{ns}\",\"fields\":[{{\"name\":\"ship\",\"type\":\"{ns}.Address\"}}]}}";
        var reference = $"\"references\":[{{\"name\":\"{ns}.Address\",\"subject\":\"{addressSubject}\",\"version\":1}}]";
        var orderId = await R.RegisterAsync(orderSubject, order, reference);

        var stored = (await R.GetAsync($"/subjects/{orderSubject}/versions/1")).AssertOk().Json;
        Assert.Equal($"{{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"{ns}\",\"fields\":[{{\"name\":\"ship\",\"type\":\"Address\"}}]}}", stored.GetProperty("schema").GetString());
        Assert.Equal(addressSubject, stored.GetProperty("references")[0].GetProperty("subject").GetString());
        Assert.Equal(1, (await R.GetAsync($"/schemas/ids/{orderId}")).AssertOk().Json.GetProperty("references").GetArrayLength());
        Assert.Equal($"[{orderId}]", (await R.GetAsync($"/subjects/{addressSubject}/versions/1/referencedby")).AssertOk().Body);

        var refused = (await R.DeleteAsync($"/subjects/{addressSubject}/versions/1")).AssertError(422, 42206);
        Assert.Equal($"One or more references exist to the schema {{subject={addressSubject},version=1}}.", refused.Message);
        (await R.DeleteAsync($"/subjects/{addressSubject}")).AssertError(422, 42206);

        // The same schema with the referenced type written inline finds the registered version.
        var inline = $"{{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"{ns}\",\"fields\":[{{\"name\":\"ship\",\"type\":{address}}}]}}";
        Assert.Equal(orderId, (await R.PostAsync($"/subjects/{orderSubject}", RegistryHandle.RegisterBody(inline))).AssertOk().Json.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Normalize_MakesEquivalentSpellingsOneSchema()
    {
        var name = "N" + Guid.NewGuid().ToString("N")[..8];
        var a = $"{{\"type\":\"record\",\"name\":\"{name}\",\"aliases\":[\"b\",\"a\"],\"fields\":[{{\"name\":\"f\",\"type\":\"int\"}}],\"y\":2,\"x\":1}}";
        var b = $"{{\"fields\":[{{\"type\":\"int\",\"name\":\"f\"}}],\"x\":1,\"y\":2,\"name\":\"{name}\",\"type\":\"record\",\"aliases\":[\"a\",\"b\"]}}";
        var subject = SharedRegistry.Subject();
        (await R.PutAsync($"/config/{subject}", "{\"compatibility\":\"NONE\"}")).AssertOk();

        var plainA = await R.RegisterAsync(subject, a);
        var plainB = await R.RegisterAsync(subject, b);
        Assert.NotEqual(plainA, plainB);

        var other = SharedRegistry.Subject();
        var normA = await R.RegisterAsync(other, a, query: "?normalize=true");
        var normB = await R.RegisterAsync(other, b, query: "?normalize=true");
        Assert.Equal(normA, normB);
        Assert.Equal("[1]", (await R.GetAsync($"/subjects/{other}/versions")).Body);
    }

    [Fact]
    public async Task Normalize_FromTheSubjectConfig()
    {
        var subject = SharedRegistry.Subject();
        (await R.PutAsync($"/config/{subject}", "{\"normalize\":true}")).AssertOk();
        Assert.Equal("{\"normalize\":true}", (await R.GetAsync($"/config/{subject}")).Body);
        var name = "C" + Guid.NewGuid().ToString("N")[..8];
        var one = await R.RegisterAsync(subject, $"{{\"type\":\"record\",\"name\":\"{name}\",\"fields\":[],\"q\":1,\"p\":2}}");
        var two = await R.RegisterAsync(subject, $"{{\"type\":\"record\",\"name\":\"{name}\",\"fields\":[],\"p\":2,\"q\":1}}");
        Assert.Equal(one, two);
    }
}
