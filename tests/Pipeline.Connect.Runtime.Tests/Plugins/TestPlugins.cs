using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

namespace Pipeline.Connect.Runtime.Tests.Plugins;

/// <summary>A registry of the runtime's plugins and this test assembly's fakes (Px*), built once.</summary>
public static class TestPlugins
{
    private static readonly Lazy<PluginRegistry> Shared = new(() =>
        PluginRegistry.Load([typeof(PxSinkConnector).Assembly], [], NullLogger.Instance));

    public static PluginRegistry Registry => Shared.Value;

    public static readonly IReadOnlyDictionary<string, string> NoWorkerDefaults = new Dictionary<string, string>();

    /// <summary>A valid sink config plus <paramref name="extra"/> (a null value removes a key).</summary>
    public static Dictionary<string, string> Sink(params (string Key, string? Value)[] extra)
    {
        var props = new Dictionary<string, string>
        {
            ["name"] = "px-sink",
            ["connector.class"] = "PxSink",
            ["topics"] = "orders",
            ["px.required"] = "yes",
        };
        foreach (var (key, value) in extra)
        {
            if (value is null)
            {
                props.Remove(key);
            }
            else
            {
                props[key] = value;
            }
        }

        return props;
    }
}
