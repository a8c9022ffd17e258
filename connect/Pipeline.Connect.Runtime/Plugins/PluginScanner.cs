using System.Reflection;
using Microsoft.Extensions.Logging;
using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>Finds the plugin types of an assembly: public, concrete, with a public parameterless constructor.</summary>
internal static class PluginScanner
{
    private static readonly PluginKind[] Kinds =
        [PluginKind.Source, PluginKind.Sink, PluginKind.Converter, PluginKind.HeaderConverter, PluginKind.Transformation, PluginKind.Predicate];

    public static IEnumerable<PluginDescriptor> Scan(Assembly assembly, string location, ILogger logger)
    {
        Type?[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            logger.LogWarning(e, "Some types of {Assembly} in {Location} could not be loaded; scanning the others", assembly.FullName, location);
            types = e.Types;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            logger.LogWarning(e, "Skipping {Assembly} in {Location}: its types cannot be loaded", assembly.FullName, location);
            yield break;
        }

        foreach (var type in types)
        {
            if (type is null || !IsInstantiable(type))
            {
                continue;
            }

            foreach (var kind in Kinds)
            {
                if (kind.ContractType().IsAssignableFrom(type))
                {
                    yield return Describe(type, kind, location, logger);
                }
            }
        }
    }

    /// <summary>The short name Kafka configs use for a nested type: Outer$Inner.</summary>
    public static string ShortName(Type type) =>
        type.DeclaringType is { } outer ? ShortName(outer) + "$" + type.Name : type.Name;

    private static bool IsInstantiable(Type type) =>
        type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters && type.GetConstructor(Type.EmptyTypes) is not null;

    private static PluginDescriptor Describe(Type type, PluginKind kind, string location, ILogger logger)
    {
        var aliases = new List<string>();
        if (type.GetCustomAttribute<PluginAliasAttribute>() is { } attribute)
        {
            aliases.AddRange(attribute.Aliases);
        }

        var shortName = ShortName(type);
        aliases.Add(shortName);
        foreach (var suffix in new[] { "Connector", "Converter" })
        {
            if (shortName.Length > suffix.Length && shortName.EndsWith(suffix, StringComparison.Ordinal))
            {
                aliases.Add(shortName[..^suffix.Length]);
            }
        }

        return new PluginDescriptor(type, kind, type.FullName ?? type.Name, ReadVersion(type, logger), aliases.Distinct(StringComparer.Ordinal).ToArray(), location);
    }

    private static string? ReadVersion(Type type, ILogger logger)
    {
        if (!typeof(IVersioned).IsAssignableFrom(type))
        {
            return null;
        }

        try
        {
            using var scope = PluginRegistry.EnterContext(type);
            var instance = Activator.CreateInstance(type);
            var version = ((IVersioned)instance!).Version;
            (instance as IDisposable)?.Dispose();
            return version;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not read the version of plugin {Type}", type.FullName);
            return null;
        }
    }
}
