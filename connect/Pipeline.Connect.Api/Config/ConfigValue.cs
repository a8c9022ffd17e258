namespace Pipeline.Connect.Api.Config;

/// <summary>The result of validating one setting: its value, its errors and whether a UI should show it.</summary>
public sealed class ConfigValue
{
    private readonly List<string> _errors = [];
    private readonly List<object?> _recommended = [];

    /// <summary>A result for <paramref name="name"/>.</summary>
    public ConfigValue(string name, object? value = null)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The setting's name.</summary>
    public string Name { get; }

    /// <summary>The parsed value (or the raw string when it did not parse).</summary>
    public object? Value { get; set; }

    /// <summary>Values a UI may offer.</summary>
    public IReadOnlyList<object?> RecommendedValues => _recommended;

    /// <summary>What is wrong with the value; empty when it is valid.</summary>
    public IReadOnlyList<string> ErrorMessages => _errors;

    /// <summary>Whether a UI should show the setting.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>Adds an error.</summary>
    public void AddErrorMessage(string message) => _errors.Add(message);

    /// <summary>Sets the recommended values.</summary>
    public void SetRecommendedValues(IEnumerable<object?> values)
    {
        _recommended.Clear();
        _recommended.AddRange(values);
    }
}
