using System.Text.Json;
using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class SubjectVersionsTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task Register_SameSchemaTwice_ReturnsTheSameIdAndOneVersion()
    {
        var subject = SharedRegistry.Subject();
        var first = await R.RegisterAsync(subject, TestSchemas.UserV1);
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(TestSchemas.UserV1).RootElement, new JsonSerializerOptions { WriteIndented = true });
        var second = await R.RegisterAsync(subject, pretty);

        Assert.Equal(first, second);
        Assert.Equal("[1]", (await R.GetAsync($"/subjects/{subject}/versions")).AssertOk().Body);
    }

    [Fact]
    public async Task Register_SameSchemaUnderTwoSubjects_SharesTheIdWithSeparateVersions()
    {
        var a = SharedRegistry.Subject();
        var b = SharedRegistry.Subject();
        var schema = TestSchemas.Record("Shared" + Guid.NewGuid().ToString("N")[..6]);
        var idA = await R.RegisterAsync(a, schema);
        var idB = await R.RegisterAsync(b, schema);

        Assert.Equal(idA, idB);
        var versions = (await R.GetAsync($"/schemas/ids/{idA}/versions")).AssertOk().Json;
        Assert.Equal(2, versions.GetArrayLength());
        var subjects = (await R.GetAsync($"/schemas/ids/{idA}/subjects")).AssertOk().Json.EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), subjects);
    }

    [Fact]
    public async Task GetVersion_ByNumberAndLatest_ReturnsTheSchemaEntity()
    {
        var subject = SharedRegistry.Subject();
        var id1 = await R.RegisterAsync(subject, TestSchemas.UserV1);
        var id2 = await R.RegisterAsync(subject, TestSchemas.UserV2);

        var v1 = (await R.GetAsync($"/subjects/{subject}/versions/1")).AssertOk().Json;
        Assert.Equal(subject, v1.GetProperty("subject").GetString());
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(id1, v1.GetProperty("id").GetInt32());
        Assert.Equal(TestSchemas.UserV1, v1.GetProperty("schema").GetString());
        Assert.False(v1.TryGetProperty("schemaType", out _));

        var latest = (await R.GetAsync($"/subjects/{subject}/versions/latest")).AssertOk().Json;
        Assert.Equal(id2, latest.GetProperty("id").GetInt32());
        Assert.Equal(2, (await R.GetAsync($"/subjects/{subject}/versions/-1")).AssertOk().Json.GetProperty("version").GetInt32());
        Assert.Equal(TestSchemas.UserV2, (await R.GetAsync($"/subjects/{subject}/versions/2/schema")).AssertOk().Body);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("abc")]
    [InlineData("2147483648")]
    public async Task GetVersion_InvalidVersion_Is42202(string version)
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        var answer = (await R.GetAsync($"/subjects/{subject}/versions/{version}")).AssertError(422, 42202);
        Assert.Contains($"'{version}'", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersion_UnknownSubjectOrVersion_Is40401Or40402()
    {
        var subject = SharedRegistry.Subject();
        Assert.Equal($"Subject '{subject}' not found.", (await R.GetAsync($"/subjects/{subject}/versions/1")).AssertError(404, 40401).Message);
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        Assert.Equal("Version 7 not found.", (await R.GetAsync($"/subjects/{subject}/versions/7")).AssertError(404, 40402).Message);
        (await R.GetAsync($"/subjects/{subject}-nope/versions")).AssertError(404, 40401);
    }

    [Fact]
    public async Task SoftDelete_HidesTheVersion_KeepsTheId_AndReRegisteringMakesANewVersion()
    {
        var subject = SharedRegistry.Subject();
        var id = await R.RegisterAsync(subject, TestSchemas.UserV1);
        await R.RegisterAsync(subject, TestSchemas.UserV2);

        Assert.Equal("1", (await R.DeleteAsync($"/subjects/{subject}/versions/1")).AssertOk().Body);
        (await R.GetAsync($"/subjects/{subject}/versions/1")).AssertError(404, 40402);
        Assert.Equal(id, (await R.GetAsync($"/subjects/{subject}/versions/1?deleted=true")).AssertOk().Json.GetProperty("id").GetInt32());
        (await R.GetAsync($"/schemas/ids/{id}")).AssertOk();
        Assert.Equal("[2]", (await R.GetAsync($"/subjects/{subject}/versions")).Body);
        Assert.Equal("[1,2]", (await R.GetAsync($"/subjects/{subject}/versions?deleted=true")).Body);
        Assert.Equal("[1]", (await R.GetAsync($"/subjects/{subject}/versions?deletedOnly=true")).Body);
        Assert.Equal("[-1,2]", (await R.GetAsync($"/subjects/{subject}/versions?deletedAsNegative=true")).Body);
        (await R.DeleteAsync($"/subjects/{subject}/versions/1")).AssertError(404, 40406);

        // Same schema again: the id is reused, the version number is new.
        (await R.PutAsync($"/config/{subject}", "{\"compatibility\":\"NONE\"}")).AssertOk();
        Assert.Equal(id, await R.RegisterAsync(subject, TestSchemas.UserV1));
        Assert.Equal(3, (await R.GetAsync($"/subjects/{subject}/versions/latest")).Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PermanentDelete_NeedsASoftDeleteFirst_AndTheIdIsNeverHandedOutAgain()
    {
        var subject = SharedRegistry.Subject();
        var id = await R.RegisterAsync(subject, TestSchemas.Record("Gone" + Guid.NewGuid().ToString("N")[..6]));

        (await R.DeleteAsync($"/subjects/{subject}/versions/1?permanent=true")).AssertError(404, 40407);
        (await R.DeleteAsync($"/subjects/{subject}/versions/1")).AssertOk();
        Assert.Equal("1", (await R.DeleteAsync($"/subjects/{subject}/versions/1?permanent=true")).AssertOk().Body);
        (await R.GetAsync($"/schemas/ids/{id}")).AssertError(404, 40403);
        (await R.GetAsync($"/subjects/{subject}/versions?deleted=true")).AssertError(404, 40401);

        var next = await R.RegisterAsync(SharedRegistry.Subject(), TestSchemas.Record("Fresh" + Guid.NewGuid().ToString("N")[..6]));
        Assert.True(next > id, $"id {next} after the deleted {id}");
    }

    [Fact]
    public async Task DeleteSubject_SoftThenPermanent_WithTheRealErrorCodes()
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        await R.RegisterAsync(subject, TestSchemas.UserV2);

        (await R.DeleteAsync($"/subjects/{subject}?permanent=true")).AssertError(404, 40405);
        Assert.Equal("[1,2]", (await R.DeleteAsync($"/subjects/{subject}")).AssertOk().Body);
        Assert.DoesNotContain(subject, (await R.GetAsync("/subjects")).Body, StringComparison.Ordinal);
        Assert.Contains(subject, (await R.GetAsync("/subjects?deleted=true")).Body, StringComparison.Ordinal);
        Assert.Contains(subject, (await R.GetAsync("/subjects?deletedOnly=true")).Body, StringComparison.Ordinal);
        (await R.DeleteAsync($"/subjects/{subject}")).AssertError(404, 40404);
        Assert.Equal("[1,2]", (await R.DeleteAsync($"/subjects/{subject}?permanent=true")).AssertOk().Body);
        (await R.DeleteAsync($"/subjects/{subject}")).AssertError(404, 40401);
    }

    [Fact]
    public async Task LookUp_FindsTheVersion_OrSays40401Or40403()
    {
        var subject = SharedRegistry.Subject();
        var id = await R.RegisterAsync(subject, TestSchemas.UserV1);
        var found = (await R.PostAsync($"/subjects/{subject}", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertOk().Json;
        Assert.Equal(id, found.GetProperty("id").GetInt32());
        Assert.Equal(1, found.GetProperty("version").GetInt32());
        Assert.Equal(subject, found.GetProperty("subject").GetString());

        (await R.PostAsync($"/subjects/{subject}", RegistryHandle.RegisterBody(TestSchemas.UserV2))).AssertError(404, 40403);
        (await R.PostAsync($"/subjects/{subject}-none", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertError(404, 40401);
    }

    [Fact]
    public async Task Register_Incompatible_Is409WithTheDetails()
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        var answer = (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserNoDefault))).AssertError(409, 409);
        Assert.StartsWith($"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [", answer.Message, StringComparison.Ordinal);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", answer.Message, StringComparison.Ordinal);
        Assert.Contains("{oldSchemaVersion: 1}", answer.Message, StringComparison.Ordinal);
        Assert.Contains("compatibility: 'BACKWARD'", answer.Message, StringComparison.Ordinal);
        Assert.Equal("[1]", (await R.GetAsync($"/subjects/{subject}/versions")).Body);
    }

    [Fact]
    public async Task Register_WithAVersionThatIsNotNext_Is42201()
    {
        var subject = SharedRegistry.Subject();
        var answer = (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV1, "\"version\":5"))).AssertError(422, 42201);
        Assert.Equal("Version is not one more than previous version", answer.Message);
    }
}
