using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Api.Config;

/// <summary>A config value is missing, of the wrong type or invalid; <see cref="Name"/> names the setting.</summary>
public class ConfigException : ConnectException
{
    /// <summary>An error about the setting <paramref name="name"/>.</summary>
    public ConfigException(string name, object? value, string message)
        : base($"Invalid value {Describe(value)} for configuration {name}: {message}")
    {
        Name = name;
    }

    /// <summary>An error not tied to one setting.</summary>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>The setting the error is about, when there is one.</summary>
    public string? Name { get; }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Password => Password.Hidden,
        IEnumerable<string> list when value is not string => string.Join(",", list),
        _ => value.ToString() ?? "null",
    };
}
