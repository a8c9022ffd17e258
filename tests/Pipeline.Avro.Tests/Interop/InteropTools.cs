using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Pipeline.Avro.Tests.Interop;

/// <summary>
/// Runs the python3-avro and avsc scripts as processes. A missing tool fails the test with the
/// command that installs it; it never passes silently.
/// </summary>
internal static class InteropTools
{
    public const string Python = "/usr/bin/python3";

    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "Interop", "scripts");

    /// <summary>tests/Pipeline.Avro.Tests/js/node_modules, found from the build output upwards.</summary>
    public static string NodeModules
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Pipeline.Avro.Tests", "js", "node_modules");
                if (Directory.Exists(Path.Combine(candidate, "avsc")))
                {
                    return candidate;
                }
            }

            Assert.Fail("avsc is not installed: run `npm ci` in tests/Pipeline.Avro.Tests/js (test.sh does it)");
            return "";
        }
    }

    public static JsonNode RunPython(params string[] args)
    {
        if (!File.Exists(Python) || Run(Python, ["-c", "import avro.datafile"], allowFailure: true).ExitCode != 0)
        {
            Assert.Fail("python3-avro is not installed: apt-get install -y python3-avro (and python3-snappy python3-zstandard for the codecs)");
        }

        return Parse(Run(Python, [Path.Combine(ScriptsDirectory, "avro_interop.py"), .. args]));
    }

    public static JsonNode RunNode(params string[] args)
    {
        var modules = NodeModules;
        if (Run("node", ["--version"], allowFailure: true).ExitCode != 0)
        {
            Assert.Fail("node is not installed: apt-get install -y nodejs npm");
        }

        return Parse(Run("node", [Path.Combine(ScriptsDirectory, "avsc_interop.js"), modules, .. args]));
    }

    private static JsonNode Parse((int ExitCode, string Stdout, string Stderr) result) =>
        JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException("no output");

    private static (int ExitCode, string Stdout, string Stderr) Run(string file, string[] args, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception) when (allowFailure)
        {
            return (-1, "", "");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} {string.Join(' ', args)} timed out");
            }

            var result = (process.ExitCode, stdout.Result, stderr.Result);
            if (!allowFailure && process.ExitCode != 0)
            {
                Assert.Fail($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{result.Item3}");
            }

            return result;
        }
    }

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual, string what)
    {
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what} differ\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    public static string WriteJson(string directory, string name, JsonNode node)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return path;
    }
}
