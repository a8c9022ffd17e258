using System.Globalization;

namespace Pipeline.Connect.Api.Config;

/// <summary>The usual validators: ranges, allowed strings, non-empty values, lists and combinations.</summary>
public static class ConfigValidators
{
    /// <summary>A number at least <paramref name="min"/>.</summary>
    public static IConfigValidator AtLeast(double min) => new RangeValidator(min, null);

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/> inclusive.</summary>
    public static IConfigValidator Between(double min, double max) => new RangeValidator(min, max);

    /// <summary>One of <paramref name="allowed"/> (case-sensitive).</summary>
    public static IConfigValidator In(params string[] allowed) => new StringValidator(allowed, StringComparer.Ordinal);

    /// <summary>One of <paramref name="allowed"/>, ignoring case.</summary>
    public static IConfigValidator CaseInsensitiveIn(params string[] allowed) => new StringValidator(allowed, StringComparer.OrdinalIgnoreCase);

    /// <summary>A list whose every item is one of <paramref name="allowed"/>.</summary>
    public static IConfigValidator ListOf(params string[] allowed) => new ListValidator(allowed);

    /// <summary>A non-null, non-blank string.</summary>
    public static IConfigValidator NonEmptyString { get; } = new LambdaValidator(
        (name, value) =>
        {
            if (value is not string s || string.IsNullOrWhiteSpace(s))
            {
                throw new ConfigException(name, value, "String must be non-empty");
            }
        },
        "non-empty string");

    /// <summary>Any non-null value.</summary>
    public static IConfigValidator NonNull { get; } = new LambdaValidator(
        (name, value) =>
        {
            if (value is null)
            {
                throw new ConfigException(name, null, "Value must be non-null");
            }
        },
        "non-null value");

    /// <summary>All of <paramref name="validators"/>, in order.</summary>
    public static IConfigValidator All(params IConfigValidator[] validators) => new LambdaValidator(
        (name, value) =>
        {
            foreach (var v in validators)
            {
                v.EnsureValid(name, value);
            }
        },
        string.Join(", ", validators.Select(v => v.Describe())));

    /// <summary>A validator from a check that throws <see cref="ConfigException"/>.</summary>
    public static IConfigValidator Of(Action<string, object?> check, string description) => new LambdaValidator(check, description);

    private sealed class RangeValidator(double min, double? max) : IConfigValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is null)
            {
                throw new ConfigException(name, null, "Value must be non-null");
            }

            var n = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (n < min)
            {
                throw new ConfigException(name, value, "Value must be at least " + Format(min));
            }

            if (max is { } m && n > m)
            {
                throw new ConfigException(name, value, "Value must be no more than " + Format(m));
            }
        }

        public string Describe() => max is { } m ? $"[{Format(min)},...,{Format(m)}]" : $"[{Format(min)},...]";

        private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class StringValidator(string[] allowed, StringComparer comparer) : IConfigValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is not string s || !allowed.Contains(s, comparer))
            {
                throw new ConfigException(name, value, "String must be one of: " + string.Join(", ", allowed));
            }
        }

        public string Describe() => "[" + string.Join(", ", allowed) + "]";
    }

    private sealed class ListValidator(string[] allowed) : IConfigValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is not IEnumerable<string> items)
            {
                throw new ConfigException(name, value, "Value must be a list");
            }

            foreach (var item in items)
            {
                if (!allowed.Contains(item, StringComparer.Ordinal))
                {
                    throw new ConfigException(name, item, "Invalid value " + item + "; every item must be one of: " + string.Join(", ", allowed));
                }
            }
        }

        public string Describe() => "[" + string.Join(", ", allowed) + "]";
    }

    private sealed class LambdaValidator(Action<string, object?> check, string description) : IConfigValidator
    {
        public void EnsureValid(string name, object? value) => check(name, value);

        public string Describe() => description;
    }
}
