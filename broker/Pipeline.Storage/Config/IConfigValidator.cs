namespace Pipeline.Storage.Config;

/// <summary>Checks a parsed config value; returns null when valid, else the reason it is not.</summary>
public interface IConfigValidator
{
    string? Validate(object value);

    /// <summary>Human-readable description of what is accepted (DescribeConfigs documentation, CLI help).</summary>
    string Describe();
}
