using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.Cli.Tests.EndToEnd;

/// <summary>
/// The issue's proof: <c>pipeline up</c> as a process (ephemeral ports), driven over the Connect
/// REST API with HttpClient. A FileStreamSource connector copies lines into a topic and a
/// FileStreamSink writes them back to a file; pause, resume, config update, restart, validate and
/// delete behave as in Kafka Connect.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ConnectUpTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("pipeline-connect-up");
    private RunningProcess? _up;
    private HttpClient _http = null!;

    public ConnectUpTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _up = ProcessRunner.Start(PipelineExecutable.Spec(
            [
                "up", "--data", _dir.Combine("data"),
                "--override", "listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0",
                "--override", "schema.registry.listeners=http://127.0.0.1:0",
                "--override", "connect.listeners=http://127.0.0.1:0",
                "--override", "connect.offset.flush.interval.ms=500",
            ],
            _dir.Path));
        await _up.WaitForLineAsync(l => l.StartsWith("pipeline: ready", StringComparison.Ordinal), StartTimeout);
        var url = _up.Lines.Select(l => ConnectLine().Match(l.Text)).First(m => m.Success).Groups[1].Value;
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(100) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_up is not null)
        {
            if (!_up.HasExited)
            {
                _up.Kill();
            }

            _output.WriteLine(_up.Output);
            await _up.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task FileSourceToTopicToFileSink_ThroughTheRestApi()
    {
        var input = _dir.Combine("in.txt");
        var output = _dir.Combine("out.txt");
        await File.WriteAllLinesAsync(input, ["one", "two", "three"]);

        var root = await JsonAsync(await _http.GetAsync("/"));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("kafka_cluster_id").GetString()));

        // Create: source and sink, both RUNNING, lines flow file -> topic -> file.
        var source = await PostJsonAsync("/connectors", new { name = "src", config = new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["file"] = input, ["topic"] = "lines", ["tasks.max"] = "1" } });
        Assert.Equal(HttpStatusCode.Created, source.StatusCode);
        Assert.Equal("source", (await JsonAsync(source)).GetProperty("type").GetString());
        var sink = await PostJsonAsync("/connectors", new { name = "sink", config = new Dictionary<string, string> { ["connector.class"] = "org.apache.kafka.connect.file.FileStreamSinkConnector", ["file"] = output, ["topics"] = "lines" } });
        Assert.Equal(HttpStatusCode.Created, sink.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync("/connectors", new { name = "src", config = new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["file"] = input, ["topic"] = "other" } })).StatusCode);

        await WaitForStateAsync("src", "RUNNING");
        await WaitForStateAsync("sink", "RUNNING");
        await WaitForLinesAsync(output, ["one", "two", "three"]);
        var listed = await JsonAsync(await _http.GetAsync("/connectors?expand=status"));
        Assert.Equal("RUNNING", listed.GetProperty("src").GetProperty("status").GetProperty("tasks")[0].GetProperty("state").GetString());

        // Pause: no new lines while paused; resume: they arrive.
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PutAsync("/connectors/src/pause", null)).StatusCode);
        await WaitForStateAsync("src", "PAUSED");
        await File.AppendAllLinesAsync(input, ["four", "five"]);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(["one", "two", "three"], await ReadLinesAsync(output));
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PutAsync("/connectors/src/resume", null)).StatusCode);
        await WaitForStateAsync("src", "RUNNING");
        await WaitForLinesAsync(output, ["one", "two", "three", "four", "five"]);

        // Config update: the task config follows (a new topic), and the sink reads it too.
        var update = await _http.PutAsJsonAsync("/connectors/src/config", new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["file"] = input, ["topic"] = "lines2", ["tasks.max"] = "1" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await WaitUntilAsync(async () => (await JsonAsync(await _http.GetAsync("/connectors/src/tasks")))[0].GetProperty("config").GetProperty("topic").GetString() == "lines2", "the task config to name lines2");
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync("/connectors/sink/config", new Dictionary<string, string> { ["connector.class"] = "FileStreamSink", ["file"] = output, ["topics"] = "lines,lines2" })).StatusCode);
        await WaitForStateAsync("src", "RUNNING");
        await WaitForStateAsync("sink", "RUNNING");
        await File.AppendAllLinesAsync(input, ["six"]);
        await WaitForLinesAsync(output, ["one", "two", "three", "four", "five", "six"]);

        // Restart with tasks: 202 and a status body; back to RUNNING, and still moving lines.
        var restart = await _http.PostAsync("/connectors/src/restart?includeTasks=true", null);
        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        Assert.Equal("src", (await JsonAsync(restart)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("/connectors/sink/restart", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("/connectors/sink/tasks/0/restart", null)).StatusCode);
        await WaitForStateAsync("src", "RUNNING");
        await WaitForStateAsync("sink", "RUNNING");
        await File.AppendAllLinesAsync(input, ["seven"]);
        await WaitForLinesAsync(output, ["one", "two", "three", "four", "five", "six", "seven"]);

        // Validate: per-field errors, 200.
        var validate = await _http.PutAsJsonAsync("/connector-plugins/FileStreamSink/config/validate", new Dictionary<string, string> { ["connector.class"] = "FileStreamSink", ["tasks.max"] = "zero" });
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        var infos = await JsonAsync(validate);
        Assert.True(infos.GetProperty("error_count").GetInt32() > 0);
        var tasksMax = infos.GetProperty("configs").EnumerateArray().First(c => c.GetProperty("value").GetProperty("name").GetString() == "tasks.max");
        Assert.NotEqual(0, tasksMax.GetProperty("value").GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PutAsJsonAsync("/connector-plugins/FileStreamSource/config/validate", new Dictionary<string, string> { ["connector.class"] = "FileStreamSink" })).StatusCode);

        // Plugins include the built-in file connectors.
        var plugins = await JsonAsync(await _http.GetAsync("/connector-plugins"));
        Assert.Contains(plugins.EnumerateArray(), p => p.GetProperty("class").GetString()!.EndsWith("FileStreamSourceConnector", StringComparison.Ordinal));

        // Delete: 204, then 404 and gone from the list.
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/connectors/src")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/connectors/sink")).StatusCode);
        var gone = await _http.GetAsync("/connectors/src");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(404, (await JsonAsync(gone)).GetProperty("error_code").GetInt32());
        Assert.Equal(0, (await JsonAsync(await _http.GetAsync("/connectors"))).GetArrayLength());

        // SIGTERM: a clean stop.
        Assert.Equal(0, await _up!.StopAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<string[]> ReadLinesAsync(string path) =>
        File.Exists(path) ? (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToArray() : [];

    private Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

    private Task WaitForStateAsync(string connector, string state) => WaitUntilAsync(
        async () =>
        {
            var status = await JsonAsync(await _http.GetAsync($"/connectors/{connector}/status"));
            return status.TryGetProperty("connector", out var c) && c.GetProperty("state").GetString() == state
                && status.GetProperty("tasks").GetArrayLength() > 0
                && status.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("state").GetString() == state);
        },
        $"{connector} and its tasks to be {state}");

    private static Task WaitForLinesAsync(string path, string[] expected) => WaitUntilAsync(
        async () => (await ReadLinesAsync(path)).SequenceEqual(expected),
        $"{path} to hold {string.Join(",", expected)}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + FlowTimeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"connect \(\w+\) listening on (\S+)")]
    private static partial Regex ConnectLine();
}
