using System.CommandLine;

namespace Pipeline.Cli.Commands;

/// <summary>Options shared by the server commands.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Override() => new("--override")
    {
        Description = "Override a setting of the config file: --override key=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string> LogLevel() => new("--log-level")
    {
        Description = "Trace, Debug, Information, Warning or Error",
        DefaultValueFactory = _ => "Information",
    };

    /// <summary>Applies <c>key=value</c> overrides; a malformed one is an error that names the fix.</summary>
    public static void ApplyOverrides(Dictionary<string, string> properties, IEnumerable<string>? overrides)
    {
        foreach (var o in overrides ?? [])
        {
            var eq = o.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"--override '{o}' is not key=value (e.g. --override num.partitions=3)");
            }

            properties[o[..eq].Trim()] = o[(eq + 1)..].Trim();
        }
    }
}
