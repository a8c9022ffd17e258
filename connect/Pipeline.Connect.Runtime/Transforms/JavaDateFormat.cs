using System.Globalization;
using System.Text;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Java's <c>SimpleDateFormat</c> patterns (what Kafka's TimestampConverter and TimestampRouter
/// configs contain), always in UTC and with English names, as Kafka's transforms use them.
/// Letters: G y Y M L D d E u a H k K h m s S z Z X; <c>'text'</c> quotes, <c>''</c> is a quote.
/// <c>Y</c> is read as the calendar year; week fields (w W F) are rejected. Parsing is lenient
/// like Java's: trailing text is ignored and out-of-range fields roll over (month 13 = January
/// of the next year).
/// </summary>
internal sealed class JavaDateFormat
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] MonthAbbreviations = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
    private static readonly string[] DayAbbreviations = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;

    private readonly Token[] _tokens;

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> for what Java rejects.</summary>
    public JavaDateFormat(string pattern)
    {
        Pattern = pattern;
        _tokens = Tokenize(pattern);
    }

    public string Pattern { get; }

    public string Format(DateTimeOffset instant)
    {
        var t = instant.UtcDateTime;
        var sb = new StringBuilder();
        foreach (var token in _tokens)
        {
            if (token.Literal is not null)
            {
                sb.Append(token.Literal);
                continue;
            }

            var n = token.Count;
            switch (token.Letter)
            {
                case 'G': sb.Append(t.Year > 0 ? "AD" : "BC"); break;
                case 'y' or 'Y': sb.Append(n == 2 ? Pad(t.Year % 100, 2) : Pad(t.Year, n)); break;
                case 'M' or 'L': sb.Append(n >= 4 ? MonthNames[t.Month - 1] : n == 3 ? MonthAbbreviations[t.Month - 1] : Pad(t.Month, n)); break;
                case 'D': sb.Append(Pad(t.DayOfYear, n)); break;
                case 'd': sb.Append(Pad(t.Day, n)); break;
                case 'E': sb.Append(n >= 4 ? DayNames[(int)t.DayOfWeek] : DayAbbreviations[(int)t.DayOfWeek]); break;
                case 'u': sb.Append(Pad(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, n)); break;
                case 'a': sb.Append(t.Hour < 12 ? "AM" : "PM"); break;
                case 'H': sb.Append(Pad(t.Hour, n)); break;
                case 'k': sb.Append(Pad(t.Hour == 0 ? 24 : t.Hour, n)); break;
                case 'K': sb.Append(Pad(t.Hour % 12, n)); break;
                case 'h': sb.Append(Pad(t.Hour % 12 == 0 ? 12 : t.Hour % 12, n)); break;
                case 'm': sb.Append(Pad(t.Minute, n)); break;
                case 's': sb.Append(Pad(t.Second, n)); break;
                case 'S': sb.Append(Pad(t.Millisecond, n)); break;
                case 'z': sb.Append(n >= 4 ? "Coordinated Universal Time" : "UTC"); break;
                case 'Z': sb.Append("+0000"); break;
                case 'X': sb.Append('Z'); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>The instant <paramref name="text"/> denotes, or false when it does not fit the pattern.</summary>
    public bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        int year = 1970, month = 1, day = 1, dayOfYear = 0, hour = 0, minute = 0, second = 0, millis = 0;
        int? pm = null;
        var hour12 = false;
        var offsetMinutes = 0;
        var pos = 0;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            if (token.Literal is not null)
            {
                if (pos + token.Literal.Length > text.Length || string.CompareOrdinal(text, pos, token.Literal, 0, token.Literal.Length) != 0)
                {
                    return false;
                }

                pos += token.Literal.Length;
                continue;
            }

            var n = token.Count;
            var abutting = i + 1 < _tokens.Length && _tokens[i + 1].IsNumeric;
            int value;
            switch (token.Letter)
            {
                case 'G':
                    if (!MatchName(text, ref pos, ["AD", "BC"], out _))
                    {
                        return false;
                    }

                    break;
                case 'y' or 'Y':
                    var start = pos;
                    if (!ReadNumber(text, ref pos, abutting ? n : 0, out value))
                    {
                        return false;
                    }

                    year = n <= 2 && pos - start == 2 ? TwoDigitYear(value) : value;
                    break;
                case 'M' or 'L' when n >= 3:
                    if (!MatchName(text, ref pos, n >= 4 ? [.. MonthNames, .. MonthAbbreviations] : [.. MonthAbbreviations, .. MonthNames], out var index))
                    {
                        return false;
                    }

                    month = (index % 12) + 1;
                    break;
                case 'E':
                    if (!MatchName(text, ref pos, [.. DayNames, .. DayAbbreviations], out _))
                    {
                        return false;
                    }

                    break;
                case 'a':
                    if (!MatchName(text, ref pos, ["AM", "PM"], out var ampm))
                    {
                        return false;
                    }

                    pm = ampm;
                    break;
                case 'z' or 'Z' or 'X':
                    if (!ReadZone(text, ref pos, out offsetMinutes))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!ReadNumber(text, ref pos, abutting ? n : 0, out value))
                    {
                        return false;
                    }

                    switch (token.Letter)
                    {
                        case 'M' or 'L': month = value; break;
                        case 'D': dayOfYear = value; break;
                        case 'd': day = value; break;
                        case 'u': break;
                        case 'H': hour = value; break;
                        case 'k': hour = value == 24 ? 0 : value; break;
                        case 'K': hour = value; hour12 = true; break;
                        case 'h': hour = value == 12 ? 0 : value; hour12 = true; break;
                        case 'm': minute = value; break;
                        case 's': second = value; break;
                        case 'S': millis = value; break;
                    }

                    break;
            }
        }

        if (pm == 1 && (hour12 || hour < 12))
        {
            hour += 12;
        }

        try
        {
            var t = new DateTime(Math.Clamp(year, 1, 9999), 1, 1, 0, 0, 0, DateTimeKind.Utc);
            t = dayOfYear > 0 ? t.AddDays(dayOfYear - 1) : t.AddMonths(month - 1).AddDays(day - 1);
            t = t.AddHours(hour).AddMinutes(minute - offsetMinutes).AddSeconds(second).AddMilliseconds(millis);
            instant = new DateTimeOffset(t);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static string Pad(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    // Java's SimpleDateFormat puts two-digit years within 80 years before and 20 after now.
    private static int TwoDigitYear(int value)
    {
        var start = DateTime.UtcNow.Year - 80;
        var year = (start / 100 * 100) + value;
        return year < start ? year + 100 : year;
    }

    private static bool ReadNumber(string text, ref int pos, int exactWidth, out int value)
    {
        value = 0;
        var start = pos;
        var end = exactWidth > 0 ? Math.Min(text.Length, pos + exactWidth) : text.Length;
        while (pos < end && char.IsAsciiDigit(text[pos]) && pos - start < 9)
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        return pos > start;
    }

    private static bool MatchName(string text, ref int pos, string[] names, out int index)
    {
        // Longest first so "May" does not stop "March"-like prefixes short.
        index = -1;
        var best = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name.Length > best && pos + name.Length <= text.Length && string.Compare(text, pos, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                best = name.Length;
                index = i;
            }
        }

        pos += best;
        return index >= 0;
    }

    private static bool ReadZone(string text, ref int pos, out int offsetMinutes)
    {
        offsetMinutes = 0;
        foreach (var utc in (string[])["Coordinated Universal Time", "UTC", "GMT", "Z"])
        {
            if (pos + utc.Length <= text.Length && string.CompareOrdinal(text, pos, utc, 0, utc.Length) == 0)
            {
                pos += utc.Length;
                if (utc != "GMT" || pos >= text.Length || text[pos] is not ('+' or '-'))
                {
                    return true;
                }
            }
        }

        if (pos >= text.Length || text[pos] is not ('+' or '-'))
        {
            return false;
        }

        var sign = text[pos++] == '-' ? -1 : 1;
        if (!ReadNumber(text, ref pos, 2, out var hours))
        {
            return false;
        }

        if (pos < text.Length && text[pos] == ':')
        {
            pos++;
        }

        var minutes = 0;
        if (pos < text.Length && char.IsAsciiDigit(text[pos]) && !ReadNumber(text, ref pos, 2, out minutes))
        {
            return false;
        }

        offsetMinutes = sign * ((hours * 60) + minutes);
        return true;
    }

    private static Token[] Tokenize(string pattern)
    {
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i += 2;
                    continue;
                }

                var close = pattern.IndexOf('\'', i + 1);
                while (close >= 0 && close + 1 < pattern.Length && pattern[close + 1] == '\'')
                {
                    literal.Append(pattern, i + 1, close - i - 1).Append('\'');
                    i = close + 1;
                    close = pattern.IndexOf('\'', i + 1);
                }

                if (close < 0)
                {
                    throw new ArgumentException("Unterminated quote");
                }

                literal.Append(pattern, i + 1, close - i - 1);
                i = close + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                literal.Append(c);
                i++;
                continue;
            }

            if ("GyYMLDdEuaHkKhmsSzZX".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                throw new ArgumentException($"Illegal pattern character '{c}'");
            }

            if (literal.Length > 0)
            {
                tokens.Add(new Token(literal.ToString(), '\0', 0));
                literal.Clear();
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            tokens.Add(new Token(null, c, count));
            i += count;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Token(literal.ToString(), '\0', 0));
        }

        return [.. tokens];
    }

    private readonly record struct Token(string? Literal, char Letter, int Count)
    {
        public bool IsNumeric => Literal is null && Letter switch
        {
            'M' or 'L' => Count < 3,
            'G' or 'E' or 'a' or 'z' or 'Z' or 'X' => false,
            _ => true,
        };
    }
}
