using System.Globalization;

namespace Pipeline.Connect.Api.Config;

/// <summary>
/// The settings a plugin accepts: name, type, default, validator, importance, documentation and
/// UI grouping. Parses raw string properties into typed values (<see cref="Parse"/>) and
/// validates them setting by setting for <c>PUT /connector-plugins/{plugin}/config/validate</c>
/// (<see cref="Validate"/>). Unknown properties are ignored, as Kafka does.
/// </summary>
public sealed class ConfigDef
{
    /// <summary>Marks a setting without a default, i.e. a required one.</summary>
    public static readonly object NoDefault = new();

    private readonly Dictionary<string, ConfigKey> _keys = new(StringComparer.Ordinal);
    private readonly List<ConfigKey> _ordered = [];
    private readonly List<string> _groups = [];

    /// <summary>The settings by name.</summary>
    public IReadOnlyDictionary<string, ConfigKey> Keys => _keys;

    /// <summary>The settings in definition order.</summary>
    public IReadOnlyList<ConfigKey> OrderedKeys => _ordered;

    /// <summary>The UI groups in first-use order.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>Defines a setting; <paramref name="defaultValue"/> may be a string (parsed) or a typed value, or <see cref="NoDefault"/>.</summary>
    public ConfigDef Define(
        string name,
        ConfigType type,
        object? defaultValue,
        IConfigValidator? validator,
        Importance importance,
        string documentation,
        string? group = null,
        int orderInGroup = -1,
        ConfigWidth width = ConfigWidth.None,
        string? displayName = null,
        IReadOnlyList<string>? dependents = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_keys.ContainsKey(name))
        {
            throw new ConfigException($"Configuration {name} is defined twice.");
        }

        var hasDefault = !ReferenceEquals(defaultValue, NoDefault);
        var parsedDefault = hasDefault ? (defaultValue is string s ? ParseType(name, s, type) : defaultValue) : null;
        if (hasDefault && parsedDefault is not null)
        {
            validator?.EnsureValid(name, parsedDefault);
        }

        var key = new ConfigKey(name, type, parsedDefault, hasDefault, validator, importance, documentation, group, orderInGroup, width, displayName ?? name, dependents ?? []);
        _keys.Add(name, key);
        _ordered.Add(key);
        if (group is not null && !_groups.Contains(group))
        {
            _groups.Add(group);
        }

        return this;
    }

    /// <summary>Defines a setting with a default and no validator.</summary>
    public ConfigDef Define(string name, ConfigType type, object? defaultValue, Importance importance, string documentation) =>
        Define(name, type, defaultValue, null, importance, documentation);

    /// <summary>Defines a required setting (no default).</summary>
    public ConfigDef Define(string name, ConfigType type, Importance importance, string documentation) =>
        Define(name, type, NoDefault, null, importance, documentation);

    /// <summary>Adds every setting of <paramref name="other"/> not defined here.</summary>
    public ConfigDef Merge(ConfigDef other)
    {
        foreach (var key in other._ordered)
        {
            if (!_keys.ContainsKey(key.Name))
            {
                _keys.Add(key.Name, key);
                _ordered.Add(key);
                if (key.Group is not null && !_groups.Contains(key.Group))
                {
                    _groups.Add(key.Group);
                }
            }
        }

        return this;
    }

    /// <summary>
    /// Typed values for every defined setting (defaults filled in); throws
    /// <see cref="ConfigException"/> naming the first setting that is missing, malformed or invalid.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Parse(IReadOnlyDictionary<string, string> props)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in _ordered)
        {
            values[key.Name] = ParseValue(key, props.TryGetValue(key.Name, out var raw) ? raw : null, props.ContainsKey(key.Name));
        }

        return values;
    }

    /// <summary>One result per defined setting, with every error found; never throws for bad values.</summary>
    public IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = new List<ConfigValue>(_ordered.Count);
        foreach (var key in _ordered)
        {
            var present = props.TryGetValue(key.Name, out var raw);
            var result = new ConfigValue(key.Name, raw);
            try
            {
                result.Value = ParseValue(key, raw, present);
            }
            catch (ConfigException e)
            {
                result.AddErrorMessage(e.Message);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Parses <paramref name="value"/> as <paramref name="type"/>; throws <see cref="ConfigException"/> naming <paramref name="name"/> when it cannot.</summary>
    public static object? ParseType(string name, string? value, ConfigType type)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ConfigType.Boolean:
                if (bool.TryParse(trimmed, out var b))
                {
                    return b;
                }

                throw new ConfigException(name, value, "Expected value to be either true or false");
            case ConfigType.String:
                return trimmed;
            case ConfigType.Class:
                if (trimmed.Length == 0)
                {
                    throw new ConfigException(name, value, "Expected a type name, got an empty string");
                }

                return trimmed;
            case ConfigType.Password:
                return new Password(value);
            case ConfigType.Int:
                return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, inv, out var i) ? i : throw new ConfigException(name, value, "Not a number of type INT");
            case ConfigType.Short:
                return short.TryParse(trimmed, NumberStyles.AllowLeadingSign, inv, out var sh) ? sh : throw new ConfigException(name, value, "Not a number of type SHORT");
            case ConfigType.Long:
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, inv, out var l) ? l : throw new ConfigException(name, value, "Not a number of type LONG");
            case ConfigType.Double:
                return double.TryParse(trimmed, NumberStyles.Float, inv, out var d) ? d : throw new ConfigException(name, value, "Not a number of type DOUBLE");
            case ConfigType.List:
                return trimmed.Length == 0 ? Array.Empty<string>() : trimmed.Split(',', StringSplitOptions.TrimEntries);
            default:
                throw new ConfigException(name, value, "Unknown type " + type);
        }
    }

    /// <summary>The string form of a typed value (lists comma-joined, passwords hidden), as REST answers show it.</summary>
    public static string? ConvertToString(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(",", list),
        _ => value.ToString(),
    };

    private static object? ParseValue(ConfigKey key, string? raw, bool present)
    {
        object? value;
        if (present)
        {
            value = ParseType(key.Name, raw, key.Type);
        }
        else if (key.HasDefault)
        {
            value = key.DefaultValue;
        }
        else
        {
            throw new ConfigException(key.Name, null, $"Missing required configuration \"{key.Name}\" which has no default value.");
        }

        if (value is not null || present)
        {
            key.Validator?.EnsureValid(key.Name, value);
        }

        return value;
    }
}
