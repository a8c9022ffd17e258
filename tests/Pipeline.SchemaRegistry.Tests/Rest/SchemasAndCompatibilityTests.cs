using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class SchemasAndCompatibilityTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task SchemaTypes_AreAvroOnly()
    {
        Assert.Equal("[\"AVRO\"]", (await R.GetAsync("/schemas/types")).AssertOk().Body);
    }

    [Fact]
    public async Task SchemaById_UnknownIsA40403_AndANonNumberA404()
    {
        Assert.Equal("Schema 99999 not found", (await R.GetAsync("/schemas/ids/99999")).AssertError(404, 40403).Message);
        (await R.GetAsync("/schemas/ids/99999/schema")).AssertError(404, 40403);
        (await R.GetAsync("/schemas/ids/99999/subjects")).AssertError(404, 40403);
        (await R.GetAsync("/schemas/ids/abc")).AssertError(404, 404);
    }

    [Fact]
    public async Task SchemaById_RawSchemaAndMaxId()
    {
        var id = await R.RegisterAsync(SharedRegistry.Subject(), TestSchemas.UserV1);
        Assert.Equal(TestSchemas.UserV1, (await R.GetAsync($"/schemas/ids/{id}/schema")).AssertOk().Body);
        var withMax = (await R.GetAsync($"/schemas/ids/{id}?fetchMaxId=true")).AssertOk().Json;
        Assert.True(withMax.GetProperty("maxId").GetInt32() >= id);
    }

    [Fact]
    public async Task Schemas_ListsVersionsBySubjectPrefix()
    {
        var prefix = "lst" + Guid.NewGuid().ToString("N")[..6];
        await R.RegisterAsync(prefix + "-a", TestSchemas.UserV1);
        await R.RegisterAsync(prefix + "-a", TestSchemas.UserV2);
        await R.RegisterAsync(prefix + "-b", TestSchemas.UserV1);
        Assert.Equal(3, (await R.GetAsync($"/schemas?subjectPrefix={prefix}")).AssertOk().Json.GetArrayLength());
        Assert.Equal(2, (await R.GetAsync($"/schemas?subjectPrefix={prefix}&latestOnly=true")).AssertOk().Json.GetArrayLength());
        Assert.Equal("[\"" + prefix + "-b\"]", (await R.GetAsync($"/subjects?subjectPrefix={prefix}&offset=1&limit=1")).AssertOk().Body);
    }

    [Fact]
    public async Task Compatibility_VerboseMessagesSayWhy()
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        var ok = (await R.PostAsync($"/compatibility/subjects/{subject}/versions/latest", RegistryHandle.RegisterBody(TestSchemas.UserV2))).AssertOk();
        Assert.Equal("{\"is_compatible\":true}", ok.Body);

        var bad = (await R.PostAsync($"/compatibility/subjects/{subject}/versions/latest?verbose=true", RegistryHandle.RegisterBody(TestSchemas.UserNoDefault))).AssertOk().Json;
        Assert.False(bad.GetProperty("is_compatible").GetBoolean());
        var messages = bad.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.Equal("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'email'}", messages[0]);
        Assert.Equal("{oldSchemaVersion: 1}", messages[1]);
        Assert.Equal("{oldSchema: '" + TestSchemas.UserV1 + "'}", messages[2]);
        Assert.Equal("{validateFields: 'false', compatibility: 'BACKWARD'}", messages[3]);
    }

    [Fact]
    public async Task Compatibility_UnknownSubjectIsCompatible_ButAnUnknownVersionIs40402()
    {
        var subject = SharedRegistry.Subject();
        Assert.Equal("{\"is_compatible\":true}", (await R.PostAsync($"/compatibility/subjects/{subject}/versions/latest", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertOk().Body);
        Assert.Equal("{\"is_compatible\":true}", (await R.PostAsync($"/compatibility/subjects/{subject}/versions/", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertOk().Body);
        (await R.PostAsync($"/compatibility/subjects/{subject}/versions/3", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertError(404, 40402);
        (await R.PostAsync($"/compatibility/subjects/{subject}/versions/x", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertError(422, 42202);
    }

    [Fact]
    public async Task Compatibility_InvalidSchemaIs42201_OrAVerboseFalse()
    {
        var subject = SharedRegistry.Subject();
        (await R.PostAsync($"/compatibility/subjects/{subject}/versions/latest", RegistryHandle.RegisterBody("{\"type\":\"nope\"}"))).AssertError(422, 42201);
        var verbose = (await R.PostAsync($"/compatibility/subjects/{subject}/versions/latest?verbose=true", RegistryHandle.RegisterBody("{\"type\":\"nope\"}"))).AssertOk().Json;
        Assert.False(verbose.GetProperty("is_compatible").GetBoolean());
        Assert.Contains("nope", verbose.GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FORWARD", false)]
    [InlineData("FULL", false)]
    [InlineData("NONE", true)]
    public async Task Compatibility_FollowsTheSubjectLevel(string level, bool compatible)
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserNoDefault);
        (await R.PutAsync($"/config/{subject}", $"{{\"compatibility\":\"{level.ToLowerInvariant()}\"}}")).AssertOk();

        // Dropping "email" (no default) breaks FORWARD: the old schema cannot read new data.
        var answer = (await R.PostAsync($"/compatibility/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertOk().Json;
        Assert.Equal(compatible, answer.GetProperty("is_compatible").GetBoolean());
    }

    [Fact]
    public async Task Transitive_ChecksEveryLiveVersion()
    {
        var subject = SharedRegistry.Subject();
        (await R.PutAsync($"/config/{subject}", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}")).AssertOk();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        await R.RegisterAsync(subject, TestSchemas.UserV2);
        var v3 = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"age\",\"type\":\"int\",\"default\":0}]}";

        // v3 reads v2 data (name dropped) and v1 data (age defaulted): compatible with both.
        Assert.True((await R.PostAsync($"/compatibility/subjects/{subject}/versions", RegistryHandle.RegisterBody(v3))).AssertOk().Json.GetProperty("is_compatible").GetBoolean());
        var v4 = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"age\",\"type\":\"int\"}]}";
        Assert.False((await R.PostAsync($"/compatibility/subjects/{subject}/versions", RegistryHandle.RegisterBody(v4))).AssertOk().Json.GetProperty("is_compatible").GetBoolean());
        Assert.True((await R.PostAsync($"/compatibility/subjects/{subject}/versions/2", RegistryHandle.RegisterBody(v4))).AssertOk().Json.GetProperty("is_compatible").GetBoolean());
    }
}
