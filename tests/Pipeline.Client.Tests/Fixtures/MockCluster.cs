using System.Globalization;
using System.Security.Cryptography;
using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>
/// librdkafka's mock cluster, an independent implementation of the broker side of the Kafka
/// protocol, in a child process (mock/mock_cluster.c, compiled once per run with gcc against
/// librdkafka-dev). Fails loudly when gcc or the headers are missing.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private static readonly Lazy<Task<string>> Binary = new(CompileAsync);
    private readonly RunningProcess _process;

    private MockCluster(RunningProcess process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static async Task<MockCluster> StartAsync(int brokers, params (string Topic, int Partitions)[] topics)
    {
        var exe = await Binary.Value;
        var args = new List<string> { brokers.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(topics.Select(t => $"{t.Topic}:{t.Partitions.ToString(CultureInfo.InvariantCulture)}"));
        var process = ProcessRunner.Start(new ProcessSpec(exe, args) { RedirectStandardInput = true });
        try
        {
            var line = await process.WaitForLineAsync(l => l.Length > 0 && char.IsDigit(l[0]) && l.Contains(':', StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            return new MockCluster(process, line.Trim());
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task<string> CompileAsync()
    {
        var gcc = RequiredTool.Executable("gcc", "sudo apt-get install -y gcc");
        if (!File.Exists("/usr/include/librdkafka/rdkafka_mock.h"))
        {
            throw new ToolMissingException("librdkafka's headers are missing; install them with: sudo apt-get install -y librdkafka-dev");
        }

        var source = RepoPaths.Combine("tests", "Pipeline.Client.Tests", "mock", "mock_cluster.c");
        var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(source)))[..16];
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pipeline-client-mock-" + hash)).FullName;
        var exe = Path.Combine(dir, "mock_cluster");
        if (!File.Exists(exe))
        {
            var temp = exe + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            (await ProcessRunner.RunAsync(gcc, ["-O1", "-o", temp, source, "-lrdkafka"], TimeSpan.FromSeconds(120))).EnsureSuccess();
            File.Move(temp, exe, overwrite: true);
        }

        return exe;
    }
}
