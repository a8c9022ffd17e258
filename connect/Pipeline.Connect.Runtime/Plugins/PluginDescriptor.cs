namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>
/// One plugin found by <see cref="PluginRegistry"/>. A type implementing two contracts (a converter
/// that is also a header converter) has one descriptor per kind.
/// </summary>
/// <param name="Type">The plugin type, loaded in its plugin's load context (or the host's for built-ins).</param>
/// <param name="Kind">What it is.</param>
/// <param name="ClassName">The full .NET type name (nested types with '+').</param>
/// <param name="Version">What <see cref="Api.IVersioned.Version"/> answers, or null when the plugin has no version.</param>
/// <param name="Aliases">Other names it answers to: [PluginAlias] names and the short names.</param>
/// <param name="Location">"builtin", or the plugin directory (or DLL) it was loaded from.</param>
public sealed record PluginDescriptor(Type Type, PluginKind Kind, string ClassName, string? Version, IReadOnlyList<string> Aliases, string Location)
{
    /// <summary>The location of plugins shipped with the worker.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>Whether this is a source or sink connector.</summary>
    public bool IsConnector => Kind is PluginKind.Source or PluginKind.Sink;
}
