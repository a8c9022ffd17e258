using System.Collections.Concurrent;

namespace Pipeline.Testing.Processes;

/// <summary>
/// Finds the external tools the interop and fault tests drive. A missing tool throws
/// <see cref="ToolMissingException"/> naming the command that installs it: the test fails loudly,
/// it is never skipped (./test.sh installs all of them).
/// </summary>
public static class RequiredTool
{
    /// <summary>Debian's interpreter: python3-kafka and python3-confluent-kafka live in its dist-packages,
    /// not in a pyenv or venv python that may come first on PATH.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string?>>> Checks = new();

    public static string Kcat() => Executable("kcat", "sudo apt-get install -y kcat");

    public static string Node() => Executable("node", "sudo apt-get install -y nodejs npm");

    /// <summary>/usr/bin/python3 after checking that it can import <paramref name="module"/>.</summary>
    public static async Task<string> PythonWithModuleAsync(string module, string debianPackage)
    {
        var install = $"sudo apt-get install -y {debianPackage}";
        if (!File.Exists(DebianPython))
        {
            throw new ToolMissingException($"{DebianPython} is missing; install it with: sudo apt-get install -y python3 {debianPackage}");
        }

        var problem = await Checks.GetOrAdd($"python:{module}", _ => new Lazy<Task<string?>>(() => ImportProblemAsync(module))).Value.ConfigureAwait(false);
        if (problem is not null)
        {
            throw new ToolMissingException($"{DebianPython} cannot import the Python module '{module}'; install it with: {install}\n{problem}");
        }

        return DebianPython;
    }

    /// <summary>The node_modules folder of an npm project after checking that <paramref name="package"/> is installed there.</summary>
    public static string NodeModule(string projectDirectory, string package)
    {
        var manifest = Path.Combine(projectDirectory, "node_modules", package, "package.json");
        if (!File.Exists(manifest))
        {
            throw new ToolMissingException($"the npm package '{package}' is not installed in {projectDirectory}; install it with: cd {projectDirectory} && npm ci (./test.sh does this)");
        }

        return Path.Combine(projectDirectory, "node_modules");
    }

    /// <summary>The full path of an executable on PATH.</summary>
    public static string Executable(string name, string installCommand)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var dir in new[] { "/usr/bin", "/usr/local/bin", "/bin" })
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ToolMissingException($"'{name}' was not found on PATH; install it with: {installCommand}");
    }

    private static async Task<string?> ImportProblemAsync(string module)
    {
        var result = await ProcessRunner.RunAsync(DebianPython, ["-c", $"import {module}"], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return result.ExitCode == 0 ? null : result.Describe();
    }
}
