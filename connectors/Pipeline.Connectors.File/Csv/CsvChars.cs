using System.Globalization;
using System.Text;
using Pipeline.Connect.Api.Config;

namespace Pipeline.Connectors.File.Csv;

/// <summary>Parses the character and encoding settings shared by the CSV source and sink.</summary>
internal static class CsvChars
{
    /// <summary>
    /// A single ASCII character: the character itself, an escape (<c>\t</c>), a name (<c>tab</c>,
    /// <c>comma</c>, <c>semicolon</c>, <c>pipe</c>) or a decimal character code (<c>44</c>, <c>9</c>),
    /// the form the spooldir connector's configs use.
    /// </summary>
    public static char Parse(string name, string? value)
    {
        if (value is null || value.Length == 0)
        {
            throw new ConfigException(name, value, "Expected one character");
        }

        char c;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            // All digits: a character code (a digit never makes sense as a CSV delimiter).
            c = code is > 0 and < 128 ? (char)code : throw new ConfigException(name, value, "A character code must be between 1 and 127");
        }
        else if (value.Length == 1)
        {
            c = value[0];
        }
        else if (value is "\\t" or "tab" or "TAB")
        {
            c = '\t';
        }
        else if (value is "comma")
        {
            c = ',';
        }
        else if (value is "semicolon")
        {
            c = ';';
        }
        else if (value is "pipe")
        {
            c = '|';
        }
        else
        {
            throw new ConfigException(name, value, "Expected one ASCII character, an escape such as \\t, or a character code");
        }

        if (c > 127 || c is '\r' or '\n')
        {
            throw new ConfigException(name, value, "The character must be ASCII and not a line break");
        }

        return c;
    }

    /// <summary>A config validator for <see cref="Parse"/>.</summary>
    public static IConfigValidator Validator { get; } = ConfigValidators.Of((name, value) => Parse(name, value as string), "one ASCII character");

    /// <summary>The encoding called <paramref name="value"/>, including the Windows code pages.</summary>
    public static Encoding ParseEncoding(string name, string? value)
    {
        try
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var e = Encoding.GetEncoding(value ?? "UTF-8");
            return e.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : e;
        }
        catch (ArgumentException)
        {
            throw new ConfigException(name, value, "Unknown encoding");
        }
    }

    /// <summary>A config validator for <see cref="ParseEncoding"/>.</summary>
    public static IConfigValidator EncodingValidator { get; } = ConfigValidators.Of((name, value) => ParseEncoding(name, value as string), "an encoding name such as UTF-8, ISO-8859-1, windows-1252");

    public static bool IsUtf8(Encoding e) => e.CodePage == Encoding.UTF8.CodePage;
}
