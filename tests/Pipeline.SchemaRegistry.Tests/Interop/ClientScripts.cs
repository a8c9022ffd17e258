using System.Text.Json.Nodes;
using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;
using Xunit.Abstractions;

namespace Pipeline.SchemaRegistry.Tests.Interop;

/// <summary>
/// Runs the real Confluent clients' scripts (js/registry_client.js with @confluentinc/schemaregistry,
/// python/registry_client.py with confluent-kafka) from the source tree, and returns the JSON object
/// each prints. A missing client fails the test with the command that installs it; nothing is skipped.
/// </summary>
internal static class ClientScripts
{
    private const string NpmPackage = "@confluentinc/schemaregistry";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string JsDirectory => RepoPaths.Combine("tests", "Pipeline.SchemaRegistry.Tests", "js");

    public static string PythonDirectory => RepoPaths.Combine("tests", "Pipeline.SchemaRegistry.Tests", "python");

    public static Task<JsonObject> NodeAsync(ITestOutputHelper output, params string[] arguments)
    {
        var node = RequiredTool.Node();
        RequiredTool.NodeModule(JsDirectory, NpmPackage);
        var spec = new ProcessSpec(node, [Path.Combine(JsDirectory, "registry_client.js"), .. arguments])
        {
            WorkingDirectory = JsDirectory,
            Environment = new Dictionary<string, string?> { ["NODE_OPTIONS"] = null },
        };
        return RunAsync(spec, output);
    }

    /// <summary>
    /// Runs python/registry_client.py with Debian's python3 after checking it can import what the
    /// command uses: the REST client needs requests, the legacy Avro serializer also needs avro.
    /// </summary>
    public static async Task<JsonObject> PythonAsync(ITestOutputHelper output, params string[] arguments)
    {
        string python;
        try
        {
            python = arguments[0] == "api"
                ? await RequiredTool.PythonWithModuleAsync("confluent_kafka.schema_registry", "python3-confluent-kafka python3-requests")
                : await RequiredTool.PythonWithModuleAsync("confluent_kafka.avro", "python3-confluent-kafka python3-requests python3-avro");
        }
        catch (ToolMissingException e)
        {
            throw new ToolMissingException($"{e.Message}\n./test.sh installs every Debian package the tests need (APT_PACKAGES).");
        }

        var spec = new ProcessSpec(python, [Path.Combine(PythonDirectory, "registry_client.py"), .. arguments])
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
        return await RunAsync(spec, output);
    }

    private static async Task<JsonObject> RunAsync(ProcessSpec spec, ITestOutputHelper output)
    {
        var result = await ProcessRunner.RunAsync(spec, Timeout);
        output.WriteLine($"$ {spec}\n(exit {result.ExitCode} after {result.Elapsed.TotalSeconds:F1}s)\n{result.StandardOutput}\n{result.StandardError}");
        result.EnsureSuccess();
        var last = result.OutputLines.LastOrDefault() ?? throw new ProcessFailedException($"{spec.Name} printed nothing", spec, result.Describe());
        return JsonNode.Parse(last) as JsonObject ?? throw new ProcessFailedException($"{spec.Name} did not print a JSON object", spec, result.Describe());
    }
}
