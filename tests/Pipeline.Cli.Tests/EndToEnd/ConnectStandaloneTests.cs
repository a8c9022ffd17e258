using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.Cli.Tests.EndToEnd;

/// <summary><c>pipeline connect standalone</c> as a process against a broker process: connectors from files, REST, exit codes.</summary>
[Trait("Category", "Integration")]
public sealed partial class ConnectStandaloneTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("pipeline-connect-standalone");
    private BrokerProcess? _broker;

    public ConnectStandaloneTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _broker = await BrokerProcess.StartAsync(output: _output);

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Standalone_WithAConnectorFile_RunsItAndStopsCleanlyOnSigterm()
    {
        var input = _dir.Combine("in.txt");
        await File.WriteAllLinesAsync(input, ["a", "b"]);
        var worker = _dir.Combine("worker.properties");
        await File.WriteAllTextAsync(worker, $"""
            bootstrap.servers={_broker!.BootstrapServers}
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename={_dir.Combine("offsets")}
            listeners=http://127.0.0.1:8083
            """);
        var connector = _dir.Combine("source.properties");
        await File.WriteAllTextAsync(connector, $"name=src\nconnector.class=FileStreamSource\nfile={input}\ntopic=from-file\n");

        await using var process = ProcessRunner.Start(PipelineExecutable.Spec(["connect", "standalone", worker, connector, "--override", "listeners=http://127.0.0.1:0"], _dir.Path));
        await process.WaitForLineAsync(l => l.StartsWith("pipeline: ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var url = process.Lines.Select(l => ConnectLine().Match(l.Text)).First(m => m.Success).Groups[1].Value;

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(["src"], (await http.GetFromJsonAsync<string[]>("/connectors"))!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? state = null;
        while (state != "RUNNING" && DateTime.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/connectors/src/status"));
            state = status.RootElement.GetProperty("connector").GetProperty("state").GetString();
            await Task.Delay(100);
        }

        Assert.Equal("RUNNING", state);
        Assert.Equal(0, await process.StopAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("pipeline: stopped", process.StandardOutputText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standalone_BadWorkerConfigOrMissingFile_ExitsWithUsageError()
    {
        var worker = _dir.Combine("worker.properties");
        await File.WriteAllTextAsync(worker, "bootstrap.servers=127.0.0.1:1\nkey.converter=org.apache.kafka.connect.json.JsonConverter\nvalue.converter=org.apache.kafka.connect.json.JsonConverter\n");

        var noOffsets = await ProcessRunner.RunAsync(PipelineExecutable.Spec(["connect", "standalone", worker, "--override", "listeners=http://127.0.0.1:0"]), TimeSpan.FromSeconds(60));
        Assert.Equal(2, noOffsets.ExitCode);
        Assert.Contains("offset.storage.file.filename", noOffsets.StandardError, StringComparison.Ordinal);

        var missing = await ProcessRunner.RunAsync(PipelineExecutable.Spec(["connect", "standalone", worker, _dir.Combine("nope.properties")]), TimeSpan.FromSeconds(60));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.StandardError, StringComparison.Ordinal);

        var distributed = await ProcessRunner.RunAsync(PipelineExecutable.Spec(["connect", "distributed", worker]), TimeSpan.FromSeconds(60));
        Assert.Equal(2, distributed.ExitCode);
        Assert.Contains("group.id", distributed.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"connect \(\w+\) listening on (\S+)")]
    private static partial Regex ConnectLine();
}
