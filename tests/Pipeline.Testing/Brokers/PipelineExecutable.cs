using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;

namespace Pipeline.Testing.Brokers;

/// <summary>
/// Finds the built <c>pipeline.dll</c> and the <c>dotnet</c> host that runs it. In order: the
/// PIPELINE_DLL environment variable; a copy next to the test assembly (a test project that
/// references cli/Pipeline.Cli gets one, always as fresh as the test build); the repository's
/// <c>.build/pipeline</c> (what <c>./pipeline</c> builds; may be stale).
/// </summary>
public static class PipelineExecutable
{
    private static readonly Lazy<string> LazyDll = new(FindDll);

    public static string Dll => LazyDll.Value;

    public static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var self = Environment.ProcessPath;
            if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            return RequiredTool.Executable("dotnet", "install the .NET 10 SDK (https://dot.net)");
        }
    }

    /// <summary>The spec of <c>dotnet pipeline.dll args...</c>.</summary>
    public static ProcessSpec Spec(IEnumerable<string> arguments, string? workingDirectory = null) =>
        new(DotnetHost, [Dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            DisplayName = "pipeline",
            Environment = new Dictionary<string, string?>
            {
                // Keep a broker per test small on a 2-core machine.
                ["DOTNET_gcServer"] = "0",
                ["DOTNET_GCHeapHardLimit"] = null,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
        };

    private static string FindDll()
    {
        var candidates = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable("PIPELINE_DLL");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            candidates.Add(fromEnv);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        try
        {
            candidates.Add(RepoPaths.Combine(".build", "pipeline", "pipeline.dll"));
        }
        catch (InvalidOperationException)
        {
            // Not inside the repository: only the first two places count.
        }

        foreach (var c in candidates)
        {
            if (File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            {
                return c;
            }
        }

        throw new InvalidOperationException(
            "pipeline.dll not found (looked at " + string.Join(", ", candidates) + "). Reference cli/Pipeline.Cli/Pipeline.Cli.csproj " +
            "from the test project, or build it: dotnet build cli/Pipeline.Cli -c Release -o .build/pipeline");
    }
}
