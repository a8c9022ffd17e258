using System.Text.Json;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.Cli.Tests.EndToEnd;

/// <summary>The real <c>pipeline</c> executable against a broker process: stdin, stdout, exit codes and the environment as a shell sees them.</summary>
[Trait("Category", "Integration")]
public sealed class ExecutableTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;
    private BrokerProcess? _broker;

    public ExecutableTests(ITestOutputHelper output) => _output = output;

    private BrokerProcess Broker => _broker!;

    public async Task InitializeAsync() => _broker = await BrokerProcess.StartAsync(output: _output);

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateProduceDescribeConsume_FromAShell_WorkEndToEnd()
    {
        (await RunAsync(["topics", "create", "e2e", "--partitions", "2", "--bootstrap-server", Broker.BootstrapServers])).EnsureSuccess();

        // The address from the environment, records from stdin.
        var produced = await RunAsync(["produce", "--topic", "e2e", "-K", ":", "--partition", "1"], "k1:one\nk2:two\nk3:three\n",
            new Dictionary<string, string?> { ["PIPELINE_BOOTSTRAP_SERVER"] = Broker.BootstrapServers });
        produced.EnsureSuccess();
        Assert.Contains("3 records written to e2e", produced.StandardError, StringComparison.Ordinal);

        var described = (await RunAsync(["topics", "describe", "e2e", "--output", "json", "-b", Broker.BootstrapServers])).EnsureSuccess();
        var partitions = JsonDocument.Parse(described.StandardOutput).RootElement[0].GetProperty("partitions");
        Assert.Equal(0, partitions[0].GetProperty("log_end_offset").GetInt64());
        Assert.Equal(3, partitions[1].GetProperty("log_end_offset").GetInt64());

        var consumed = (await RunAsync(["consume", "-t", "e2e", "--from-beginning", "--exit-at-end", "--print-key", "-b", Broker.BootstrapServers])).EnsureSuccess();
        Assert.Equal(["k1\tone", "k2\ttwo", "k3\tthree"], consumed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Processed a total of 3 messages", consumed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAddressAndWrongUsage_ExitOneAndTwo()
    {
        var unreachable = await RunAsync(["topics", "list", "--bootstrap-server", "127.0.0.1:1"]);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("cannot reach the broker at 127.0.0.1:1", unreachable.StandardError, StringComparison.Ordinal);

        var usage = await RunAsync(["topics", "frobnicate"]);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--help", usage.StandardError, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(string[] args, string? stdin = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var spec = PipelineExecutable.Spec(args);
        if (environment is not null)
        {
            var merged = new Dictionary<string, string?>(spec.Environment);
            foreach (var (k, v) in environment)
            {
                merged[k] = v;
            }

            spec = spec with { Environment = merged };
        }

        return ProcessRunner.RunAsync(spec, Timeout, stdin);
    }
}
