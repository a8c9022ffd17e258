using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Protocol.Config;

namespace Pipeline.Connect.Runtime.Standalone;

/// <summary>
/// A connector given on the standalone command line: a <c>.properties</c> file, or a JSON file
/// holding either the flat config map or <c>{"name","config","initial_state"}</c> (KIP-980).
/// </summary>
public sealed record ConnectorFile(string Name, IReadOnlyDictionary<string, string> Config, TargetState? InitialState)
{
    public static ConnectorFile Load(string path)
    {
        var text = File.ReadAllText(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(text, path) : FromMap(PropertiesFile.Parse(text), null, path);
    }

    public static ConnectorFile ParseJson(string text, string source)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{source}: a connector JSON file holds an object");
        }

        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            TargetState? initial = null;
            if (root.TryGetProperty("initial_state", out var state) && state.ValueKind == JsonValueKind.String)
            {
                initial = ParseState(state.GetString()!, source);
            }

            var map = ToStrings(config);
            if (root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                map.TryAdd("name", name.GetString()!);
                if (map["name"] != name.GetString())
                {
                    throw new FormatException($"{source}: connector name '{name.GetString()}' does not match the 'name' in its config ('{map["name"]}')");
                }
            }

            return FromMap(map, initial, source);
        }

        return FromMap(ToStrings(root), null, source);
    }

    private static ConnectorFile FromMap(Dictionary<string, string> map, TargetState? initial, string source) =>
        map.TryGetValue("name", out var name) && !string.IsNullOrWhiteSpace(name)
            ? new ConnectorFile(name.Trim(), map, initial)
            : throw new FormatException($"{source}: the connector config has no 'name'");

    private static TargetState ParseState(string state, string source) => state.ToUpperInvariant() switch
    {
        "RUNNING" => TargetState.Started,
        "PAUSED" => TargetState.Paused,
        "STOPPED" => TargetState.Stopped,
        _ => throw new FormatException($"{source}: initial_state must be RUNNING, PAUSED or STOPPED, not '{state}'"),
    };

    private static Dictionary<string, string> ToStrings(JsonElement obj)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => throw new FormatException($"connector config '{p.Name}' is null"),
                _ => p.Value.GetRawText(),
            };
        }

        return map;
    }
}
