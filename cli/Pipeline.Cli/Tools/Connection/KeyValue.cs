namespace Pipeline.Cli.Tools.Connection;

/// <summary>Parses the <c>key=value</c> arguments of -X, --config, --property and friends.</summary>
internal static class KeyValue
{
    /// <summary>Splits at the first '='; a missing '=' or empty key is a usage error naming the option and an example.</summary>
    public static (string Key, string Value) Parse(string text, string option, string example)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || text[..eq].Trim().Length == 0)
        {
            throw ToolException.Usage($"{option} '{text}' is not key=value (e.g. {example})");
        }

        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public static Dictionary<string, string> ParseAll(IEnumerable<string>? texts, string option, string example)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in texts ?? [])
        {
            var (k, v) = Parse(t, option, example);
            result[k] = v;
        }

        return result;
    }
}
