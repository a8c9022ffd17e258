using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class ConfigAndModeTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    [Fact]
    public async Task SubjectConfig_GetPutDelete_WithConfluentsKeysAndCodes()
    {
        var subject = SharedRegistry.Subject();
        Assert.Contains("\"compatibilityLevel\":", (await R.GetAsync("/config")).AssertOk().Body, StringComparison.Ordinal);
        (await R.GetAsync($"/config/{subject}")).AssertError(404, 40408);
        Assert.Equal("{\"compatibilityLevel\":\"BACKWARD\"}", (await R.GetAsync($"/config/{subject}?defaultToGlobal=true")).AssertOk().Body);
        (await R.DeleteAsync($"/config/{subject}")).AssertError(404, 40401);

        Assert.Equal("{\"compatibility\":\"FULL_TRANSITIVE\"}", (await R.PutAsync($"/config/{subject}", "{\"compatibility\":\"full_transitive\"}")).AssertOk().Body);
        Assert.Equal("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}", (await R.GetAsync($"/config/{subject}")).AssertOk().Body);
        Assert.Equal("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}", (await R.DeleteAsync($"/config/{subject}")).AssertOk().Body);
        (await R.GetAsync($"/config/{subject}")).AssertError(404, 40408);
    }

    [Fact]
    public async Task Config_InvalidLevelIs42203()
    {
        var answer = (await R.PutAsync($"/config/{SharedRegistry.Subject()}", "{\"compatibility\":\"SIDEWAYS\"}")).AssertError(422, 42203);
        Assert.StartsWith("Invalid compatibility level", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlySubject_RefusesWrites_With42205()
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        Assert.Equal("{\"mode\":\"READONLY\"}", (await R.PutAsync($"/mode/{subject}", "{\"mode\":\"READONLY\"}")).AssertOk().Body);
        Assert.Equal("{\"mode\":\"READONLY\"}", (await R.GetAsync($"/mode/{subject}")).AssertOk().Body);

        var answer = (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV2))).AssertError(422, 42205);
        Assert.Equal($"Subject {subject} in context . is in read-only mode", answer.Message);
        (await R.DeleteAsync($"/subjects/{subject}")).AssertError(422, 42205);
        Assert.Equal("{\"mode\":\"READONLY\"}", (await R.DeleteAsync($"/mode/{subject}")).AssertOk().Body);
        (await R.GetAsync($"/mode/{subject}")).AssertError(404, 40409);
        Assert.Equal("{\"mode\":\"READWRITE\"}", (await R.GetAsync($"/mode/{subject}?defaultToGlobal=true")).AssertOk().Body);
    }

    [Fact]
    public async Task Mode_InvalidValuesAre42204()
    {
        var subject = SharedRegistry.Subject();
        Assert.Equal("Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.", (await R.PutAsync($"/mode/{subject}", "{\"mode\":\"SOMETIMES\"}")).AssertError(422, 42204).Message);
        (await R.PutAsync($"/mode/{subject}", "{\"mode\":\"FORWARD\"}")).AssertError(422, 42204);
        (await R.DeleteAsync($"/mode/{subject}")).AssertError(404, 40401);
    }

    [Fact]
    public async Task Import_KeepsExplicitIdsAndVersions_AndSkipsCompatibility()
    {
        var subject = SharedRegistry.Subject();
        (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV1, "\"id\":424242"))).AssertError(422, 42205);
        (await R.PutAsync($"/mode/{subject}", "{\"mode\":\"IMPORT\"}")).AssertOk();
        (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV1))).AssertError(422, 42205);

        Assert.Equal(424242, await R.RegisterAsync(subject, TestSchemas.UserV1, "\"id\":424242,\"version\":7"));
        Assert.Equal(424243, await R.RegisterAsync(subject, TestSchemas.UserNoDefault, "\"id\":424243,\"version\":9"));
        Assert.Equal("[7,9]", (await R.GetAsync($"/subjects/{subject}/versions")).AssertOk().Body);
        Assert.Equal(TestSchemas.UserV1, (await R.GetAsync("/schemas/ids/424242/schema")).AssertOk().Body);

        // An id already holding another schema cannot be overwritten.
        var conflict = (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody(TestSchemas.UserV2, "\"id\":424242"))).AssertError(422, 42205);
        Assert.Equal("Overwrite new schema with id 424242 in context . is not permitted.", conflict.Message);

        // Back in READWRITE, new ids continue above the imported ones.
        (await R.DeleteAsync($"/mode/{subject}")).AssertOk();
        (await R.PutAsync($"/config/{subject}", "{\"compatibility\":\"NONE\"}")).AssertOk();
        Assert.True(await R.RegisterAsync(subject, TestSchemas.UserV2) > 424243);
    }

    [Fact]
    public async Task Import_OnASubjectWithSchemas_NeedsForce()
    {
        var subject = SharedRegistry.Subject();
        await R.RegisterAsync(subject, TestSchemas.UserV1);
        Assert.Equal("Cannot import since found existing subjects", (await R.PutAsync($"/mode/{subject}", "{\"mode\":\"IMPORT\"}")).AssertError(422, 42205).Message);
        (await R.PutAsync($"/mode/{subject}?force=true", "{\"mode\":\"IMPORT\"}")).AssertOk();
        Assert.Equal("{\"mode\":\"IMPORT\"}", (await R.GetAsync($"/mode/{subject}")).Body);
    }
}
