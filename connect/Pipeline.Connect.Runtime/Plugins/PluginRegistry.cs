using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>
/// Every plugin the worker can run: the built-in ones (the runtime's own converters, transforms
/// and predicates, plus the assemblies the host passes) and those under <c>plugin.path</c>, each
/// plugin in its own <see cref="AssemblyLoadContext"/>. Immutable once loaded; safe from any thread.
/// Names resolve like Kafka's: the full type name, a [PluginAlias] name (a Kafka class name), the
/// short name, or the short name without a "Connector"/"Converter" suffix.
/// </summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, List<PluginDescriptor>> _byName;

    private PluginRegistry(IReadOnlyList<PluginDescriptor> plugins)
    {
        Plugins = plugins;
        _byName = new Dictionary<string, List<PluginDescriptor>>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            AddName(plugin.ClassName, plugin);
            foreach (var alias in plugin.Aliases)
            {
                AddName(alias, plugin);
            }
        }
    }

    /// <summary>Every plugin, built-ins first, then plugin.path in order.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>
    /// Scans <paramref name="builtIn"/> (the runtime's assembly is always included) and every entry
    /// of <paramref name="pluginPath"/>: each subdirectory of an entry is one plugin, each DLL directly
    /// in an entry (or an entry that is a DLL) is a plugin of its own.
    /// </summary>
    public static PluginRegistry Load(IEnumerable<Assembly> builtIn, IReadOnlyList<string> pluginPath, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(pluginPath);
        ArgumentNullException.ThrowIfNull(logger);
        var plugins = new List<PluginDescriptor>();
        var assemblies = new List<Assembly> { typeof(PluginRegistry).Assembly };
        foreach (var assembly in builtIn)
        {
            if (!assemblies.Contains(assembly))
            {
                assemblies.Add(assembly);
            }
        }

        foreach (var assembly in assemblies)
        {
            plugins.AddRange(PluginScanner.Scan(assembly, PluginDescriptor.BuiltIn, logger));
        }

        foreach (var entry in pluginPath)
        {
            var trimmed = entry.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            foreach (var (location, dlls) in PluginLocations(trimmed, logger))
            {
                plugins.AddRange(LoadPlugin(location, dlls, logger));
            }
        }

        logger.LogInformation("Loaded {Count} plugins", plugins.Count);
        return new PluginRegistry(plugins);
    }

    /// <summary>
    /// Runs the caller in the plugin's load context as the contextual reflection context (so a
    /// plugin's Type.GetType and Assembly.Load find its own dependencies); dispose to leave.
    /// Use around every call into a plugin that may load types.
    /// </summary>
    public static AssemblyLoadContext.ContextualReflectionScope EnterContext(Type pluginType) =>
        (AssemblyLoadContext.GetLoadContext(pluginType.Assembly) ?? AssemblyLoadContext.Default).EnterContextualReflection();

    /// <summary>As <see cref="EnterContext(Type)"/> for a plugin instance.</summary>
    public static AssemblyLoadContext.ContextualReflectionScope EnterContext(object plugin) => EnterContext(plugin.GetType());

    /// <summary>
    /// The plugin <paramref name="name"/> names (of kind <paramref name="expected"/> when given);
    /// throws <see cref="ConfigException"/> naming it when no plugin or more than one matches.
    /// </summary>
    public PluginDescriptor Resolve(string name, PluginKind? expected)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryResolve(name, expected, out var descriptor, out var error))
        {
            return descriptor;
        }

        throw new ConfigException(error);
    }

    /// <summary>As <see cref="Resolve"/> without throwing; <paramref name="error"/> says why nothing was found.</summary>
    public bool TryResolve(string name, PluginKind? expected, out PluginDescriptor descriptor, out string error) =>
        TryResolve(name, p => expected is null || p.Kind == expected, expected, out descriptor, out error);

    /// <summary>The source or sink connector <paramref name="className"/> names; throws <see cref="ConfigException"/> like <see cref="Resolve"/>.</summary>
    public PluginDescriptor ResolveConnector(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        return TryResolveConnector(className, out var descriptor, out var error) ? descriptor : throw new ConfigException(error);
    }

    /// <summary>As <see cref="ResolveConnector"/> without throwing.</summary>
    public bool TryResolveConnector(string className, out PluginDescriptor descriptor, out string error) =>
        TryResolve(className, p => p.IsConnector, PluginKind.Source, out descriptor, out error);

    /// <summary>A new instance of the plugin (parameterless constructor) created inside its load context.</summary>
    public T NewInstance<T>(PluginDescriptor descriptor)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!typeof(T).IsAssignableFrom(descriptor.Type))
        {
            throw new ConnectException($"{descriptor.ClassName} is not a {typeof(T).Name}");
        }

        using var scope = EnterContext(descriptor.Type);
        try
        {
            return (T)Activator.CreateInstance(descriptor.Type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ConnectException($"Failed to instantiate {descriptor.ClassName}: {e.InnerException.Message}", e.InnerException);
        }
        catch (Exception e) when (e is MissingMethodException or MemberAccessException or TypeLoadException or FileNotFoundException)
        {
            throw new ConnectException($"Failed to instantiate {descriptor.ClassName}: {e.Message}", e);
        }
    }

    /// <summary>A new source or sink connector.</summary>
    public Connector NewConnector(string className) => NewInstance<Connector>(ResolveConnector(className));

    /// <summary>A new (unconfigured) converter.</summary>
    public IConverter NewConverter(string className) => NewInstance<IConverter>(Resolve(className, PluginKind.Converter));

    /// <summary>A new (unconfigured) header converter.</summary>
    public IHeaderConverter NewHeaderConverter(string className) => NewInstance<IHeaderConverter>(Resolve(className, PluginKind.HeaderConverter));

    /// <summary>A new (unconfigured) transformation.</summary>
    public ITransformation NewTransformation(string className) => NewInstance<ITransformation>(Resolve(className, PluginKind.Transformation));

    /// <summary>A new (unconfigured) predicate.</summary>
    public IPredicate NewPredicate(string className) => NewInstance<IPredicate>(Resolve(className, PluginKind.Predicate));

    private bool TryResolve(string name, Func<PluginDescriptor, bool> filter, PluginKind? kind, out PluginDescriptor descriptor, out string error)
    {
        descriptor = null!;
        var trimmed = name.Trim();
        var candidates = Candidates(trimmed).Where(filter).ToList();
        if (candidates.Count == 0)
        {
            var available = Plugins.Where(filter).Select(p => p.ClassName).Distinct().Order(StringComparer.Ordinal);
            error = $"Failed to find any class that implements {PluginKinds.Describe(kind)} and which name matches {trimmed}, available {Plural(kind)} are: {string.Join(", ", available)}";
            return false;
        }

        var distinct = candidates.Select(c => c.ClassName).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
        {
            error = $"More than one {PluginKinds.Describe(kind)} matches the name {trimmed}: {string.Join(", ", distinct)}; use the full class name";
            return false;
        }

        // One class, maybe found in several places: the highest version wins, built-ins on a tie.
        descriptor = candidates.OrderByDescending(c => ParseVersion(c.Version)).ThenBy(c => c.Location == PluginDescriptor.BuiltIn ? 0 : 1).First();
        error = string.Empty;
        return true;
    }

    private static string Plural(PluginKind? kind) => kind switch
    {
        PluginKind.Source or PluginKind.Sink => "connectors",
        PluginKind.Converter => "converters",
        PluginKind.HeaderConverter => "header converters",
        PluginKind.Transformation => "transformations",
        PluginKind.Predicate => "predicates",
        _ => "plugins",
    };

    private static Version ParseVersion(string? version) =>
        version is not null && Version.TryParse(version.Split('-', '+')[0], out var v) ? v : new Version(0, 0);

    private static IEnumerable<(string Location, IReadOnlyList<string> Dlls)> PluginLocations(string entry, ILogger logger)
    {
        if (File.Exists(entry))
        {
            if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                yield return (Path.GetFullPath(entry), [Path.GetFullPath(entry)]);
            }

            yield break;
        }

        if (!Directory.Exists(entry))
        {
            logger.LogWarning("plugin.path entry {Entry} does not exist; skipping it", entry);
            yield break;
        }

        foreach (var dll in Directory.EnumerateFiles(entry, "*.dll").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFullPath(dll), [Path.GetFullPath(dll)]);
        }

        foreach (var dir in Directory.EnumerateDirectories(entry).Order(StringComparer.Ordinal))
        {
            var dlls = Directory.EnumerateFiles(dir, "*.dll", SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
            if (dlls.Count > 0)
            {
                yield return (Path.GetFullPath(dir), dlls);
            }
        }
    }

    private static List<PluginDescriptor> LoadPlugin(string location, IReadOnlyList<string> dlls, ILogger logger)
    {
        var context = new PluginLoadContext(location, dlls);
        var found = new List<PluginDescriptor>();
        foreach (var dll in dlls)
        {
            Assembly assembly;
            try
            {
                var name = AssemblyName.GetAssemblyName(dll);
                if (PluginLoadContext.IsShared(name))
                {
                    // The plugin's own copy of the contract (or of the framework) is never loaded.
                    continue;
                }

                assembly = context.LoadFromAssemblyName(name);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                logger.LogDebug(e, "Skipping {Dll}: not a loadable .NET assembly", dll);
                continue;
            }

            found.AddRange(PluginScanner.Scan(assembly, location, logger));
        }

        logger.LogInformation("Loaded plugin {Location}: {Count} plugin types", location, found.Count);
        return found;
    }

    private List<PluginDescriptor> Candidates(string name)
    {
        var result = new List<PluginDescriptor>();
        foreach (var key in new[] { name, name.Replace('$', '+') })
        {
            if (_byName.TryGetValue(key, out var list))
            {
                foreach (var plugin in list)
                {
                    if (!result.Contains(plugin))
                    {
                        result.Add(plugin);
                    }
                }
            }
        }

        return result;
    }

    private void AddName(string name, PluginDescriptor plugin)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            list = [];
            _byName.Add(name, list);
        }

        if (!list.Contains(plugin))
        {
            list.Add(plugin);
        }
    }
}
