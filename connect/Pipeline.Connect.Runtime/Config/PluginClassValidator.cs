using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>Checks that a class setting names a plugin of the expected kind (connectors: source or sink).</summary>
internal sealed class PluginClassValidator(PluginRegistry plugins, PluginKind? kind, bool connector) : IConfigValidator
{
    public void EnsureValid(string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        var className = value as string ?? value.ToString() ?? string.Empty;
        var found = connector
            ? plugins.TryResolveConnector(className, out _, out var error)
            : plugins.TryResolve(className, kind, out _, out error);
        if (!found)
        {
            throw new ConfigException(name, className, error);
        }
    }

    public string Describe() => connector ? "A source or sink connector class" : $"A {kind} class";
}
