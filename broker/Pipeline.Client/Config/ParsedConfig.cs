namespace Pipeline.Client.Config;

/// <summary>Typed values of every declared key (given or defaulted), from <see cref="ConfigDef.Parse"/>.</summary>
public sealed class ParsedConfig
{
    private readonly Dictionary<string, object?> _values;
    private readonly HashSet<string> _given;

    internal ParsedConfig(Dictionary<string, object?> values, HashSet<string> given, IReadOnlyList<string> unknownKeys)
    {
        _values = values;
        _given = given;
        UnknownKeys = unknownKeys;
    }

    /// <summary>Keys in the input that no declared key matches.</summary>
    public IReadOnlyList<string> UnknownKeys { get; }

    /// <summary>True when the input named the key (rather than it taking its default).</summary>
    public bool IsExplicit(string name) => _given.Contains(name);

    public bool GetBool(string name) => (bool)Get(name)!;

    public int GetInt(string name) => (int)Get(name)!;

    public long GetLong(string name) => (long)Get(name)!;

    public double GetDouble(string name) => (double)Get(name)!;

    public string GetString(string name) => (string?)Get(name) ?? "";

    public string? GetNullableString(string name)
    {
        var s = (string?)Get(name);
        return string.IsNullOrEmpty(s) ? null : s;
    }

    public IReadOnlyList<string> GetList(string name) => (string[])Get(name)!;

    public TimeSpan GetMilliseconds(string name) => TimeSpan.FromMilliseconds(Convert.ToInt64(Get(name), System.Globalization.CultureInfo.InvariantCulture));

    private object? Get(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"config {name} is not declared");
}
