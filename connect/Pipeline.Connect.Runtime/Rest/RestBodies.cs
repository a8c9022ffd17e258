using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// Reads request bodies. Config maps take strings, and numbers and booleans as their JSON text
/// (Jackson coerces them into a Map&lt;String,String&gt; the same way); any other shape is a 400 that
/// names the offending key.
/// </summary>
internal static class RestBodies
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static JsonDocument Parse(byte[] body, string what)
    {
        if (body.Length == 0)
        {
            throw ConnectRestException.BadRequest($"Request body is missing: expected {what}");
        }

        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw ConnectRestException.BadRequest($"Malformed JSON in the request body (expected {what}): {e.Message}");
        }
    }

    /// <summary>A flat config map; null values are kept (the caller decides what they mean).</summary>
    public static Dictionary<string, string?> ConfigMap(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest($"{what} must be a JSON object of string values, not {Describe(element.ValueKind)}");
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                _ => throw ConnectRestException.BadRequest($"{what}: the value of '{property.Name}' must be a string, not {Describe(property.Value.ValueKind)}"),
            };
        }

        return map;
    }

    /// <summary>A config map for create/update: null values are refused like Kafka's validation does.</summary>
    public static Dictionary<string, string> NonNullConfig(Dictionary<string, string?> map)
    {
        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            result[k] = v ?? throw ConnectRestException.BadRequest($"Connector configuration is invalid: '{k}': Null value can not be supplied as the configuration value.");
        }

        return result;
    }

    /// <summary><c>{"name","config","initial_state"}</c> of POST /connectors.</summary>
    public static (string Name, Dictionary<string, string?> Config, TargetState? InitialState) CreateRequest(byte[] body)
    {
        using var document = Parse(body, "{\"name\": ..., \"config\": {...}}");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest($"The request body must be a JSON object with name and config, not {Describe(root.ValueKind)}");
        }

        if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind == JsonValueKind.Null)
        {
            throw ConnectRestException.BadRequest("Connector name is missing: the request body needs a \"name\" field");
        }

        if (nameElement.ValueKind != JsonValueKind.String)
        {
            throw ConnectRestException.BadRequest($"Connector name must be a string, not {Describe(nameElement.ValueKind)}");
        }

        if (!root.TryGetProperty("config", out var configElement) || configElement.ValueKind == JsonValueKind.Null)
        {
            throw ConnectRestException.BadRequest("Connector configuration is missing: the request body needs a \"config\" object");
        }

        TargetState? initial = null;
        if (root.TryGetProperty("initial_state", out var stateElement) && stateElement.ValueKind != JsonValueKind.Null)
        {
            initial = (stateElement.ValueKind == JsonValueKind.String ? stateElement.GetString()!.ToUpperInvariant() : null) switch
            {
                "RUNNING" => TargetState.Started,
                "PAUSED" => TargetState.Paused,
                "STOPPED" => TargetState.Stopped,
                _ => throw ConnectRestException.BadRequest($"Invalid initial_state {stateElement.GetRawText()}: expected RUNNING, PAUSED or STOPPED"),
            };
        }

        return (nameElement.GetString()!, ConfigMap(configElement, "config"), initial);
    }

    /// <summary><c>{"offsets":[{"partition":{...},"offset":{...}|null}]}</c> of PATCH /connectors/{c}/offsets.</summary>
    public static ConnectorOffsets Offsets(byte[] body)
    {
        using var document = Parse(body, "{\"offsets\": [...]}");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest($"The request body must be a JSON object with an offsets list, not {Describe(root.ValueKind)}");
        }

        if (!root.TryGetProperty("offsets", out var list) || list.ValueKind == JsonValueKind.Null || (list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == 0))
        {
            throw ConnectRestException.BadRequest("Partitions / offsets need to be provided for an alter offsets request");
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw ConnectRestException.BadRequest($"offsets must be a JSON array, not {Describe(list.ValueKind)}");
        }

        var offsets = new List<ConnectorOffset>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("partition", out var partition) || partition.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest("Every entry of offsets needs a \"partition\" object (and an \"offset\" object, or null to reset it)");
            }

            JsonElement? offset = item.TryGetProperty("offset", out var o) && o.ValueKind != JsonValueKind.Null ? o.Clone() : null;
            if (offset is { ValueKind: not JsonValueKind.Object })
            {
                throw ConnectRestException.BadRequest($"An offset must be a JSON object or null, not {Describe(offset.Value.ValueKind)}");
            }

            offsets.Add(new ConnectorOffset(partition.Clone(), offset));
        }

        return new ConnectorOffsets(offsets);
    }

    /// <summary>The JSON array of task config maps a follower posts to the leader's <c>/connectors/{c}/tasks</c>.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(byte[] body)
    {
        using var document = Parse(body, "a JSON array of task configs");
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ConnectRestException.BadRequest($"Task configs must be a JSON array of objects, not {Describe(document.RootElement.ValueKind)}");
        }

        var configs = new List<IReadOnlyDictionary<string, string>>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            configs.Add(NonNullConfig(ConfigMap(item, "A task config")));
        }

        return configs;
    }

    /// <summary>The <c>level</c> of PUT /admin/loggers/{name}; null when absent.</summary>
    public static string? Level(byte[] body)
    {
        using var document = Parse(body, "{\"level\": \"DEBUG\"}");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ConnectRestException.BadRequest($"The request body must be a JSON object with a level, not {Describe(root.ValueKind)}");
        }

        return root.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String ? level.GetString() : null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
