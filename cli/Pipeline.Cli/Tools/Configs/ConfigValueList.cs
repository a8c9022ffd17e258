namespace Pipeline.Cli.Tools.Configs;

/// <summary>
/// kafka-configs' <c>--add-config</c> syntax: <c>k1=v1,k2=[a,b,c]</c>. Commas separate entries
/// except inside square brackets, which hold a list value (passed on as <c>a,b,c</c>).
/// </summary>
public static class ConfigValueList
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length)
            {
                switch (text[i])
                {
                    case '[':
                        depth++;
                        continue;
                    case ']':
                        depth = Math.Max(0, depth - 1);
                        continue;
                    case ',' when depth == 0:
                        break;
                    default:
                        continue;
                }
            }

            var entry = text[start..i].Trim();
            start = i + 1;
            if (entry.Length == 0)
            {
                continue;
            }

            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw ToolException.Usage($"--add-config '{entry}' is not key=value (e.g. --add-config retention.ms=86400000,cleanup.policy=[compact,delete])");
            }

            var value = entry[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '[' && value[^1] == ']')
            {
                value = value[1..^1];
            }

            result.Add(KeyValuePair.Create(entry[..eq].Trim(), value));
        }

        return result;
    }
}
