namespace Pipeline.Connect.Api.Config;

/// <summary>Typed access to properties parsed by a <see cref="ConfigDef"/>; construction throws <see cref="ConfigException"/> for invalid input.</summary>
public class AbstractConfig
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <summary>Parses <paramref name="originals"/> with <paramref name="definition"/>.</summary>
    public AbstractConfig(ConfigDef definition, IReadOnlyDictionary<string, string> originals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(originals);
        Definition = definition;
        Originals = originals;
        _values = definition.Parse(originals);
    }

    /// <summary>The definition the values were parsed with.</summary>
    public ConfigDef Definition { get; }

    /// <summary>The raw properties as given (including unknown ones).</summary>
    public IReadOnlyDictionary<string, string> Originals { get; }

    /// <summary>The parsed value of a defined setting.</summary>
    public object? Get(string name) => _values.TryGetValue(name, out var v) ? v : throw new ConfigException($"Unknown configuration '{name}'");

    /// <summary>A string setting.</summary>
    public string? GetString(string name) => (string?)Get(name);

    /// <summary>An int setting.</summary>
    public int GetInt(string name) => (int)Get(name)!;

    /// <summary>A short setting.</summary>
    public short GetShort(string name) => (short)Get(name)!;

    /// <summary>A long setting.</summary>
    public long GetLong(string name) => Get(name) switch
    {
        long l => l,
        int i => i,
        var v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A double setting.</summary>
    public double GetDouble(string name) => Convert.ToDouble(Get(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A boolean setting.</summary>
    public bool GetBoolean(string name) => (bool)Get(name)!;

    /// <summary>A list setting (empty when null).</summary>
    public IReadOnlyList<string> GetList(string name) => Get(name) as IReadOnlyList<string> ?? [];

    /// <summary>A password setting.</summary>
    public Password? GetPassword(string name) => Get(name) switch
    {
        Password p => p,
        string s => new Password(s),
        _ => null,
    };

    /// <summary>A type-name setting.</summary>
    public string? GetClass(string name) => (string?)Get(name);

    /// <summary>The original properties whose names start with <paramref name="prefix"/>, with the prefix removed when <paramref name="strip"/>.</summary>
    public IReadOnlyDictionary<string, string> OriginalsWithPrefix(string prefix, bool strip = true)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Originals)
        {
            if (k.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[strip ? k[prefix.Length..] : k] = v;
            }
        }

        return result;
    }
}
