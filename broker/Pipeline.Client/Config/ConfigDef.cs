using System.Globalization;

namespace Pipeline.Client.Config;

/// <summary>
/// The declared settings of one client kind: each key once, with its type, default, validator and
/// doc (Kafka's ConfigDef). <see cref="Parse"/> turns a Kafka properties map into typed values.
/// Keys that are not declared are kept in <see cref="ParsedConfig.UnknownKeys"/> (Kafka logs
/// them as unused and carries on).
/// </summary>
public sealed class ConfigDef
{
    private readonly Dictionary<string, ConfigKey> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ConfigKey> Keys => _keys.Values;

    public ConfigDef Define(string name, ConfigValueType type, string? defaultValue, string documentation, ConfigValidator? validator = null)
    {
        if (!_keys.TryAdd(name, new ConfigKey(name, type, defaultValue, documentation, validator)))
        {
            throw new InvalidOperationException($"config {name} is defined twice");
        }

        return this;
    }

    public bool TryGetKey(string name, out ConfigKey key) => _keys.TryGetValue(name, out key!);

    public ParsedConfig Parse(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in properties)
        {
            given[k] = v;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var name in given.Keys)
        {
            if (!_keys.ContainsKey(name))
            {
                unknown.Add(name);
            }
        }

        foreach (var key in _keys.Values)
        {
            string? text;
            if (given.TryGetValue(key.Name, out var v))
            {
                text = v;
            }
            else if (key.DefaultValue is null)
            {
                throw new KafkaConfigException($"Missing required configuration \"{key.Name}\" which has no default value.");
            }
            else
            {
                text = key.DefaultValue;
            }

            var value = ParseValue(key, text);
            if (key.Validator?.Invoke(value) is { } reason)
            {
                throw new KafkaConfigException(key.Name, key.Type == ConfigValueType.Password ? "[hidden]" : text, reason);
            }

            values[key.Name] = value;
        }

        return new ParsedConfig(values, new HashSet<string>(given.Keys, StringComparer.Ordinal), unknown);
    }

    private static object? ParseValue(ConfigKey key, string text)
    {
        var trimmed = text.Trim();
        switch (key.Type)
        {
            case ConfigValueType.Boolean:
                if (bool.TryParse(trimmed, out var b))
                {
                    return b;
                }

                throw new KafkaConfigException(key.Name, text, "Expected value to be either true or false");
            case ConfigValueType.Int:
                if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    return i;
                }

                throw new KafkaConfigException(key.Name, text, "Not a number of type INT");
            case ConfigValueType.Long:
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                throw new KafkaConfigException(key.Name, text, "Not a number of type LONG");
            case ConfigValueType.Double:
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d;
                }

                throw new KafkaConfigException(key.Name, text, "Not a number of type DOUBLE");
            case ConfigValueType.List:
                return trimmed.Length == 0
                    ? Array.Empty<string>()
                    : trimmed.Split(',', StringSplitOptions.TrimEntries);
            case ConfigValueType.String:
                return trimmed;
            default:
                return text;
        }
    }
}
