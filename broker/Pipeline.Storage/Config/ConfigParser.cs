using System.Globalization;

namespace Pipeline.Storage.Config;

/// <summary>
/// Parses config strings by <see cref="ConfigType"/> the way Kafka's ConfigDef.parseType does:
/// surrounding whitespace is ignored (except for passwords), booleans are true/false in any case,
/// lists are comma-separated with items trimmed and an empty string meaning an empty list.
/// </summary>
public static class ConfigParser
{
    public static bool TryParse(ConfigType type, string text, out object value, out string? error)
    {
        error = null;
        var t = type == ConfigType.Password ? text : text.Trim();
        value = t;
        switch (type)
        {
            case ConfigType.Boolean:
                if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    value = t.Equals("true", StringComparison.OrdinalIgnoreCase);
                    return true;
                }

                error = "Expected value to be either true or false";
                return false;
            case ConfigType.Int:
                if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    value = i;
                    return true;
                }

                error = "Not a number of type INT";
                return false;
            case ConfigType.Short:
                if (short.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
                {
                    value = s;
                    return true;
                }

                error = "Not a number of type SHORT";
                return false;
            case ConfigType.Long:
                if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    value = l;
                    return true;
                }

                error = "Not a number of type LONG";
                return false;
            case ConfigType.Double:
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    value = d;
                    return true;
                }

                error = "Not a number of type DOUBLE";
                return false;
            case ConfigType.List:
                value = t.Length == 0
                    ? Array.Empty<string>()
                    : t.Split(',', StringSplitOptions.TrimEntries);
                return true;
            default:
                return true;
        }
    }

    /// <summary>The canonical string of a parsed value (what DescribeConfigs reports).</summary>
    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => string.Join(",", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
