using System.Globalization;
using System.Text.Json;

namespace Pipeline.Connectors.File;

/// <summary>
/// Reads numbers back from committed offsets. The runtime stores offsets as JSON, so a long we
/// wrote may come back as an int, a long, a double or a JsonElement depending on the store.
/// </summary>
internal static class OffsetValues
{
    public static bool TryGetLong(object? value, out long result)
    {
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case short s:
                result = s;
                return true;
            case double d when d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue:
                result = (long)d;
                return true;
            case decimal m when m == decimal.Floor(m):
                result = (long)m;
                return true;
            case string text:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
            case JsonElement { ValueKind: JsonValueKind.Number } e:
                return e.TryGetInt64(out result);
            default:
                result = 0;
                return false;
        }
    }

    public static bool IsTrue(object? value) => value switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var b) && b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        _ => false,
    };
}
