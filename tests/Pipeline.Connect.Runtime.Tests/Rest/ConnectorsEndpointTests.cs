using System.Net;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class ConnectorsEndpointTests : IAsyncLifetime
{
    private const string SourceConfig = "{\"connector.class\":\"FileStreamSource\",\"file\":\"in.txt\",\"topic\":\"t\",\"tasks.max\":1}";
    private readonly FakeHerder _herder = new();
    private RestTestServer _server = null!;

    public async Task InitializeAsync() => _server = await RestTestServer.StartAsync(_herder);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_NewConnector_Answers201WithLocationAndInfo()
    {
        var response = await _server.SendAsync("POST", "/connectors", "{\"name\":\" src \",\"config\":" + SourceConfig + "}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/connectors/src", response.Headers.Location?.OriginalString);
        var info = await RestTestServer.JsonAsync(response);
        Assert.Equal("src", info.GetProperty("name").GetString());
        Assert.Equal("src", info.GetProperty("config").GetProperty("name").GetString());
        Assert.Equal("1", info.GetProperty("config").GetProperty("tasks.max").GetString());
        Assert.Equal("source", info.GetProperty("type").GetString());
        Assert.Equal(0, info.GetProperty("tasks")[0].GetProperty("task").GetInt32());
        Assert.Equal("src", info.GetProperty("tasks")[0].GetProperty("connector").GetString());
    }

    [Fact]
    public async Task Create_Existing_Answers409()
    {
        await CreateAsync("src");
        var response = await _server.SendAsync("POST", "/connectors", "{\"name\":\"src\",\"config\":" + SourceConfig + "}");
        await RestTestServer.AssertErrorAsync(response, 409, "already exists");
    }

    [Theory]
    [InlineData("{\"config\":{\"connector.class\":\"X\"}}", "name")]
    [InlineData("{\"name\":\"a\"}", "config")]
    [InlineData("{\"name\":\"a\",\"config\":{\"connector.class\":\"X\",\"name\":\"b\"}}", "Connector name configuration (b) doesn't match connector name in the URL (a)")]
    [InlineData("{\"name\":\"  \",\"config\":{\"connector.class\":\"X\"}}", "Connector name cannot be empty")]
    [InlineData("{\"name\":\"a\",\"config\":{\"connector.class\":\"X\"},\"initial_state\":\"SLEEPING\"}", "initial_state")]
    [InlineData("{\"name\":\"a\",\"config\":{\"connector.class\":[1]}}", "connector.class")]
    [InlineData("{\"name\":\"a\",\"config\":", "Malformed JSON")]
    [InlineData("[1,2]", "JSON object")]
    public async Task Create_BadRequest_Answers400NamingTheProblem(string body, string fragment)
    {
        var response = await _server.SendAsync("POST", "/connectors", body);
        await RestTestServer.AssertErrorAsync(response, 400, fragment);
        Assert.Empty(await _herder.ConnectorsAsync(default));
    }

    [Fact]
    public async Task Create_InvalidConfigFromHerder_Answers400WithItsMessage()
    {
        var response = await _server.SendAsync("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"file\":\"x\"}}");
        await RestTestServer.AssertErrorAsync(response, 400, "Connector configuration is invalid");
    }

    [Fact]
    public async Task Create_WithInitialState_PassesItToTheHerder()
    {
        var response = await _server.SendAsync("POST", "/connectors", "{\"name\":\"a\",\"config\":" + SourceConfig + ",\"initial_state\":\"stopped\"}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(TargetState.Stopped, _herder.StateOf("a"));
    }

    [Fact]
    public async Task List_PlainAndExpanded_AnswerNamesOrMaps()
    {
        await CreateAsync("b");
        await CreateAsync("a");

        var names = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors"));
        Assert.Equal(["a", "b"], names.EnumerateArray().Select(e => e.GetString()!).ToArray());

        var expanded = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors?expand=status&expand=info&expand=bogus"));
        Assert.Equal("RUNNING", expanded.GetProperty("a").GetProperty("status").GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal("b", expanded.GetProperty("b").GetProperty("info").GetProperty("name").GetString());

        var statusOnly = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors?expand=status"));
        Assert.False(statusOnly.GetProperty("a").TryGetProperty("info", out _));
    }

    [Fact]
    public async Task GetAndDelete_KnownThenGone_Answer200_204_404()
    {
        await CreateAsync("a");
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/connectors/a")).StatusCode);

        var deleted = await _server.SendAsync("DELETE", "/connectors/a");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());

        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/a"), 404, "Connector a not found");
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("DELETE", "/connectors/a"), 404);
    }

    [Fact]
    public async Task PutConfig_CreateThenUpdate_Answers201Then200()
    {
        var created = await _server.SendAsync("PUT", "/connectors/a/config", SourceConfig);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/connectors/a", created.Headers.Location?.OriginalString);

        var updated = await _server.SendAsync("PUT", "/connectors/a/config", SourceConfig.Replace("in.txt", "other.txt", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("other.txt", (await RestTestServer.JsonAsync(updated)).GetProperty("config").GetProperty("file").GetString());

        var config = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/config"));
        Assert.Equal("other.txt", config.GetProperty("file").GetString());
        Assert.Equal("a", config.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PutConfig_NameMismatchOrNullValue_Answers400()
    {
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PUT", "/connectors/a/config", "{\"connector.class\":\"X\",\"name\":\"b\"}"), 400, "doesn't match connector name in the URL (a)");
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PUT", "/connectors/a/config", "{\"connector.class\":\"X\",\"file\":null}"), 400, "Null value");
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PUT", "/connectors/a/config", "\"text\""), 400, "JSON object");
    }

    [Fact]
    public async Task PatchConfig_MergesAndRemovesNullKeys()
    {
        await CreateAsync("a");
        var patched = await _server.SendAsync("PATCH", "/connectors/a/config", "{\"topic\":\"t2\",\"file\":null}");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var config = (await RestTestServer.JsonAsync(patched)).GetProperty("config");
        Assert.Equal("t2", config.GetProperty("topic").GetString());
        Assert.False(config.TryGetProperty("file", out _));
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PATCH", "/connectors/nope/config", "{\"topic\":\"t2\"}"), 404);
    }

    [Fact]
    public async Task Status_Answers200WithConnectorAndTasks()
    {
        await CreateAsync("a");
        var status = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/status"));

        Assert.Equal("a", status.GetProperty("name").GetString());
        Assert.Equal("RUNNING", status.GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal("127.0.0.1:8083", status.GetProperty("connector").GetProperty("worker_id").GetString());
        Assert.False(status.GetProperty("connector").TryGetProperty("trace", out _));
        Assert.Equal(0, status.GetProperty("tasks")[0].GetProperty("id").GetInt32());
        Assert.Equal("source", status.GetProperty("type").GetString());
        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/nope/status"), 404);
    }

    [Fact]
    public async Task Restart_PlainAnswers204_WithTasksAnswers202AndStatus()
    {
        await CreateAsync("a");
        var plain = await _server.SendAsync("POST", "/connectors/a/restart");
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);

        var withTasks = await _server.SendAsync("POST", "/connectors/a/restart?includeTasks=true");
        Assert.Equal(HttpStatusCode.Accepted, withTasks.StatusCode);
        var status = await RestTestServer.JsonAsync(withTasks);
        Assert.Equal("RESTARTING", status.GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal("RESTARTING", status.GetProperty("tasks")[0].GetProperty("state").GetString());

        var onlyFailed = await _server.SendAsync("POST", "/connectors/a/restart?onlyFailed=true");
        Assert.Equal(HttpStatusCode.Accepted, onlyFailed.StatusCode);
        Assert.Equal("a", (await RestTestServer.JsonAsync(onlyFailed)).GetProperty("name").GetString());

        Assert.Equal(["a:False:False", "a:True:False", "a:False:True"], _herder.Restarts);
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("POST", "/connectors/a/restart?includeTasks=maybe"), 400, "includeTasks");
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("POST", "/connectors/nope/restart"), 404);
    }

    [Fact]
    public async Task PauseResumeStop_Answer202_202_204AndSetTheTargetState()
    {
        await CreateAsync("a");
        Assert.Equal(HttpStatusCode.Accepted, (await _server.SendAsync("PUT", "/connectors/a/pause")).StatusCode);
        Assert.Equal(TargetState.Paused, _herder.StateOf("a"));
        Assert.Equal(HttpStatusCode.Accepted, (await _server.SendAsync("PUT", "/connectors/a/resume")).StatusCode);
        Assert.Equal(TargetState.Started, _herder.StateOf("a"));
        Assert.Equal(HttpStatusCode.NoContent, (await _server.SendAsync("PUT", "/connectors/a/stop")).StatusCode);
        Assert.Equal(TargetState.Stopped, _herder.StateOf("a"));
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PUT", "/connectors/nope/pause"), 404);
    }

    private async Task CreateAsync(string name)
    {
        var response = await _server.SendAsync("POST", "/connectors", "{\"name\":\"" + name + "\",\"config\":" + SourceConfig + "}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
