using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>The validators Kafka's transforms use beyond the stock ones (<c>NonEmptyListValidator</c>, <c>RegexValidator</c>, ...).</summary>
internal static class TransformValidators
{
    /// <summary>A list with at least one item.</summary>
    public static IConfigValidator NonEmptyList { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is not IReadOnlyList<string> { Count: > 0 })
            {
                throw new ConfigException(name, value, "Empty list");
            }
        },
        "non-empty list");

    /// <summary>A non-empty list without duplicates (Kafka's <c>ValidList.anyNonDuplicateValues(false, false)</c>).</summary>
    public static IConfigValidator NonEmptyDistinctList { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is not IReadOnlyList<string> { Count: > 0 } list)
            {
                throw new ConfigException(name, value, "Configuration '" + name + "' must not be empty");
            }

            if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
            {
                throw new ConfigException(name, value, "Configuration '" + name + "' values must not be duplicated");
            }
        },
        "non-empty list without duplicates");

    /// <summary>A string that compiles as a regular expression (or null).</summary>
    public static IConfigValidator Regex { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is string pattern)
            {
                try
                {
                    JavaRegex.FullMatch(pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException(name, value, "Invalid regex: " + e.Message);
                }
            }
        },
        "valid regex");

    /// <summary>Null, or a non-blank string (Kafka's <c>NonEmptyString</c> used on optional settings).</summary>
    public static IConfigValidator NullOrNonEmptyString { get; } = ConfigValidators.Of(
        (name, value) =>
        {
            if (value is not null)
            {
                ConfigValidators.NonEmptyString.EnsureValid(name, value);
            }
        },
        "non-empty string");

    /// <summary>A parsed config of <paramref name="definition"/>, ConfigException naming the first bad setting.</summary>
    public static AbstractConfig Parse(ConfigDef definition, IReadOnlyDictionary<string, string> configs) => new(definition, configs);
}
