using System.Globalization;

namespace Pipeline.Storage.Config;

/// <summary>The validators of the config tables (Kafka's ConfigDef.Range, ValidString, ValidList, ...).</summary>
public static class Validators
{
    public static IConfigValidator AtLeast(long min) => new LongRange(min, null);

    public static IConfigValidator Between(long min, long max) => new LongRange(min, max);

    public static IConfigValidator Between(double min, double max) => new DoubleRange(min, max);

    /// <summary>Either exactly <paramref name="special"/> or within [min, max] (e.g. gzip level -1 or 1..9).</summary>
    public static IConfigValidator BetweenOr(long special, long min, long max) => new LongRangeOr(special, min, max);

    public static IConfigValidator In(params string[] allowed) => new ValidString(allowed);

    public static IConfigValidator ListOf(params string[] allowed) => new ValidList(allowed);

    /// <summary>"*" or a list of partition:broker pairs (replication throttling lists).</summary>
    public static IConfigValidator ThrottledReplicas { get; } = new ThrottledReplicaList();

    /// <summary>A Kafka release version such as 3.0 or 3.0-IV1 (message.format.version).</summary>
    public static IConfigValidator Version { get; } = new KafkaVersion();

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    private sealed class LongRange(long min, long? max) : IConfigValidator
    {
        public string? Validate(object value)
        {
            var v = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (v < min)
            {
                return $"Value must be at least {Str(min)}";
            }

            return max is { } m && v > m ? $"Value must be no more than {Str(m)}" : null;
        }

        public string Describe() => max is { } m ? $"[{Str(min)},...,{Str(m)}]" : $"[{Str(min)},...]";
    }

    private sealed class LongRangeOr(long special, long min, long max) : IConfigValidator
    {
        public string? Validate(object value)
        {
            var v = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return v == special || (v >= min && v <= max)
                ? null
                : $"Value must be {Str(special)} or between {Str(min)} and {Str(max)}";
        }

        public string Describe() => $"{Str(special)} or [{Str(min)},...,{Str(max)}]";
    }

    private sealed class DoubleRange(double min, double max) : IConfigValidator
    {
        public string? Validate(object value)
        {
            var v = (double)value;
            if (double.IsNaN(v) || v < min)
            {
                return $"Value must be at least {min.ToString(CultureInfo.InvariantCulture)}";
            }

            return v > max ? $"Value must be no more than {max.ToString(CultureInfo.InvariantCulture)}" : null;
        }

        public string Describe() =>
            $"[{min.ToString(CultureInfo.InvariantCulture)},...,{max.ToString(CultureInfo.InvariantCulture)}]";
    }

    private sealed class ValidString(string[] allowed) : IConfigValidator
    {
        public string? Validate(object value) =>
            Array.IndexOf(allowed, (string)value) >= 0 ? null : $"String must be one of: {string.Join(", ", allowed)}";

        public string Describe() => $"[{string.Join(", ", allowed)}]";
    }

    private sealed class ValidList(string[] allowed) : IConfigValidator
    {
        public string? Validate(object value)
        {
            foreach (var item in (IReadOnlyList<string>)value)
            {
                if (Array.IndexOf(allowed, item) < 0)
                {
                    return $"Invalid value {item}; every item must be one of: {string.Join(", ", allowed)}";
                }
            }

            return null;
        }

        public string Describe() => $"[{string.Join(", ", allowed)}]";
    }

    private sealed class ThrottledReplicaList : IConfigValidator
    {
        public string? Validate(object value)
        {
            var items = (IReadOnlyList<string>)value;
            if (items.Count == 1 && items[0] == "*")
            {
                return null;
            }

            foreach (var item in items)
            {
                var colon = item.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0
                    || !int.TryParse(item.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    || !int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return "Must be the literal '*' or a list of replicas in the form [PartitionId]:[BrokerId],[PartitionId]:[BrokerId],...";
                }
            }

            return null;
        }

        public string Describe() => "[partitionId]:[brokerId],[partitionId]:[brokerId],...";
    }

    private sealed class KafkaVersion : IConfigValidator
    {
        public string? Validate(object value)
        {
            var s = (string)value;
            var dash = s.IndexOf('-', StringComparison.Ordinal);
            var numbers = (dash < 0 ? s : s[..dash]).Split('.');
            var ok = numbers.Length is >= 2 and <= 3;
            foreach (var n in numbers)
            {
                ok &= n.Length > 0 && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            }

            if (dash >= 0)
            {
                var iv = s[(dash + 1)..];
                ok &= iv.StartsWith("IV", StringComparison.Ordinal)
                    && int.TryParse(iv.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out _);
            }

            return ok ? null : "Version must look like 3.0 or 3.0-IV1";
        }

        public string Describe() => "[0.8.0, ..., 3.9-IV0]";
    }
}
