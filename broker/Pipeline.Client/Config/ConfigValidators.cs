using System.Globalization;

namespace Pipeline.Client.Config;

/// <summary>Kafka's ConfigDef validators (Range.atLeast, Range.between, ValidString.in).</summary>
public static class ConfigValidators
{
    public static ConfigValidator AtLeast(long min) => value =>
        Convert.ToInt64(value, CultureInfo.InvariantCulture) < min ? $"Value must be at least {min}" : null;

    public static ConfigValidator Between(long min, long max) => value =>
    {
        var v = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        return v < min || v > max ? $"Value must be no less than {min} and no more than {max}" : null;
    };

    public static ConfigValidator OneOf(params string[] allowed) => value =>
        Array.IndexOf(allowed, value as string) >= 0 ? null : $"String must be one of: {string.Join(", ", allowed)}";
}
