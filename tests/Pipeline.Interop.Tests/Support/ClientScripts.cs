using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.Interop.Tests.Support;

/// <summary>
/// Runs the client scripts under python/ and js/ (from the source tree) and kcat. Each call checks
/// that its tool is installed and fails the test with the install command if it is not.
/// </summary>
public static class ClientScripts
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string PythonDirectory => RepoPaths.Combine("tests", "Pipeline.Interop.Tests", "python");

    public static string JsDirectory => RepoPaths.Combine("tests", "Pipeline.Interop.Tests", "js");

    /// <summary>Runs python/<paramref name="script"/> with Debian's python3 after checking it can import <paramref name="module"/>.</summary>
    public static async Task<ProcessResult> PythonAsync(string script, string module, string debianPackage, IReadOnlyList<string> arguments, ITestOutputHelper? output = null, TimeSpan? timeout = null)
    {
        var python = await RequiredTool.PythonWithModuleAsync(module, debianPackage);
        var spec = new ProcessSpec(python, [Path.Combine(PythonDirectory, script), .. arguments])
        {
            WorkingDirectory = PythonDirectory,
            Environment = new Dictionary<string, string?>
            {
                ["PYTHONDONTWRITEBYTECODE"] = "1",
                ["PYTHONUNBUFFERED"] = "1",
                // Debian's modules only: a pyenv or venv setting must not redirect the interpreter.
                ["PYTHONPATH"] = null,
                ["PYTHONHOME"] = null,
            },
        };
        return await RunAsync(spec, output, timeout);
    }

    public static Task<ProcessResult> ConfluentKafkaAsync(string script, IReadOnlyList<string> arguments, ITestOutputHelper? output = null, TimeSpan? timeout = null) =>
        PythonAsync(script, "confluent_kafka", "python3-confluent-kafka", arguments, output, timeout);

    public static Task<ProcessResult> KafkaPythonAsync(string script, IReadOnlyList<string> arguments, ITestOutputHelper? output = null, TimeSpan? timeout = null) =>
        PythonAsync(script, "kafka", "python3-kafka", arguments, output, timeout);

    /// <summary>Runs js/<paramref name="script"/> with node after checking kafkajs is installed in js/node_modules.</summary>
    public static Task<ProcessResult> NodeAsync(string script, IReadOnlyList<string> arguments, ITestOutputHelper? output = null, TimeSpan? timeout = null)
    {
        var node = RequiredTool.Node();
        RequiredTool.NodeModule(JsDirectory, "kafkajs");
        var spec = new ProcessSpec(node, [Path.Combine(JsDirectory, script), .. arguments])
        {
            WorkingDirectory = JsDirectory,
            Environment = new Dictionary<string, string?> { ["NODE_OPTIONS"] = null, ["KAFKAJS_NO_PARTITIONER_WARNING"] = "1" },
        };
        return RunAsync(spec, output, timeout);
    }

    public static Task<ProcessResult> KcatAsync(IReadOnlyList<string> arguments, string? standardInput = null, ITestOutputHelper? output = null, TimeSpan? timeout = null) =>
        RunAsync(new ProcessSpec(RequiredTool.Kcat(), arguments), output, timeout, standardInput);

    private static async Task<ProcessResult> RunAsync(ProcessSpec spec, ITestOutputHelper? output, TimeSpan? timeout, string? standardInput = null)
    {
        var result = await ProcessRunner.RunAsync(spec, timeout ?? DefaultTimeout, standardInput);
        output?.WriteLine($"$ {spec}\n(exit {result.ExitCode} after {result.Elapsed.TotalSeconds:F1}s)\n{Truncate(result.StandardError, 20_000)}");
        return result;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + $"... ({s.Length - max} more chars)";
}
