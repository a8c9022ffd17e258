namespace Pipeline.Connect.Api.Config;

/// <summary>Checks a parsed config value; throws <see cref="ConfigException"/> naming the setting when it is invalid.</summary>
public interface IConfigValidator
{
    /// <summary>Throws <see cref="ConfigException"/> if <paramref name="value"/> is not valid for <paramref name="name"/>.</summary>
    void EnsureValid(string name, object? value);

    /// <summary>What valid values look like, for documentation (for example "[1,...]").</summary>
    string Describe();
}
