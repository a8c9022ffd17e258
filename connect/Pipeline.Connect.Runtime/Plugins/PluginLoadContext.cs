using System.Reflection;
using System.Runtime.Loader;

namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>
/// The load context of one plugin (a directory of DLLs or a single DLL). Pipeline.Connect.Api and
/// everything the host already has loaded from the framework resolve to the host's copies, so a
/// plugin's Connector is the host's Connector; every other assembly the plugin carries is loaded
/// from its own files, so two plugins can ship different versions of a dependency. Assemblies the
/// plugin does not carry fall back to the host (default context). Not collectible: a worker never
/// unloads plugins, and collectible contexts forbid some reflection the plugins may do.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string ApiAssemblyName = typeof(Api.Connectors.Connector).Assembly.GetName().Name!;

    private readonly Dictionary<string, string> _assemblies;
    private readonly string[] _nativeDirectories;

    public PluginLoadContext(string location, IReadOnlyList<string> dllPaths)
        : base("plugin:" + location, isCollectible: false)
    {
        Location = location;
        _assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in dllPaths)
        {
            _assemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        _nativeDirectories = [.. dllPaths.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    public string Location { get; }

    /// <summary>Whether <paramref name="name"/> must come from the host: the contract, and the framework.</summary>
    public static bool IsShared(AssemblyName name)
    {
        var simple = name.Name ?? string.Empty;
        if (string.Equals(simple, ApiAssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Framework assemblies live in the shared framework directories; a plugin copy of one would
        // make its System.Object different from the host's.
        return simple.Equals("netstandard", StringComparison.OrdinalIgnoreCase)
            || simple.Equals("mscorlib", StringComparison.OrdinalIgnoreCase)
            || simple.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
            || simple.Equals("System", StringComparison.OrdinalIgnoreCase)
            || simple.StartsWith("Microsoft.AspNetCore.", StringComparison.OrdinalIgnoreCase)
            || simple.StartsWith("Microsoft.Extensions.Logging.Abstractions", StringComparison.OrdinalIgnoreCase)
            || simple.StartsWith("Microsoft.Win32.", StringComparison.OrdinalIgnoreCase);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        if (assemblyName.Name is { } name && _assemblies.TryGetValue(name, out var path))
        {
            return LoadFromAssemblyPath(path);
        }

        // Not carried by the plugin: let the host resolve it.
        return null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var dir in _nativeDirectories)
        {
            foreach (var candidate in new[] { unmanagedDllName, unmanagedDllName + ".so", "lib" + unmanagedDllName + ".so", unmanagedDllName + ".dll" })
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }
        }

        return IntPtr.Zero;
    }
}
