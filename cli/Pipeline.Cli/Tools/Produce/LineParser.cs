using System.Text;
using Pipeline.Client;

namespace Pipeline.Cli.Tools.Produce;

/// <summary>Turns input lines into records per a <see cref="LineFormat"/> (kafka-console-producer's rules).</summary>
public sealed class LineParser
{
    private readonly LineFormat _format;
    private readonly Headers? _fixedHeaders;

    /// <param name="fixedHeaders">Headers added to every record (<c>--header k=v</c>), before any parsed from the line.</param>
    public LineParser(LineFormat format, IReadOnlyList<Header>? fixedHeaders = null)
    {
        _format = format;
        _fixedHeaders = fixedHeaders is { Count: > 0 } ? new Headers(fixedHeaders) : null;
    }

    /// <summary>Parses line number <paramref name="lineNumber"/> (1-based, for messages); a line that does not fit the format throws a <see cref="ToolException"/>.</summary>
    public LineRecord Parse(string line, long lineNumber)
    {
        var rest = line.AsSpan();
        Headers? headers = _fixedHeaders is null ? null : new Headers(_fixedHeaders);
        if (_format.ParseHeaders)
        {
            var at = rest.IndexOf(_format.HeadersDelimiter, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new ToolException($"line {LineFormat.Line(lineNumber)}: no headers delimiter '{LineFormat.Escape(_format.HeadersDelimiter)}' " +
                    "(a line is HEADERS<headers.delimiter>[KEY<key.separator>]VALUE)");
            }

            headers ??= new Headers();
            ParseHeaders(rest[..at].ToString(), headers, lineNumber);
            rest = rest[(at + _format.HeadersDelimiter.Length)..];
        }

        byte[]? key = null;
        if (_format.ParseKey)
        {
            var at = rest.IndexOf(_format.KeySeparator, StringComparison.Ordinal);
            if (at < 0)
            {
                if (!_format.IgnoreError)
                {
                    throw new ToolException($"line {LineFormat.Line(lineNumber)}: no key separator '{LineFormat.Escape(_format.KeySeparator)}' " +
                        "(pass --property ignore.error=true to send such lines whole, with a null key)");
                }
            }
            else
            {
                key = Bytes(rest[..at]);
                rest = rest[(at + _format.KeySeparator.Length)..];
            }
        }

        return new LineRecord(key, Bytes(rest), headers);
    }

    private void ParseHeaders(string text, Headers headers, long lineNumber)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (var pair in text.Split(_format.HeadersSeparator))
        {
            var at = pair.IndexOf(_format.HeadersKeySeparator, StringComparison.Ordinal);
            var name = at < 0 ? pair : pair[..at];
            if (name.Length == 0 || name == _format.NullMarker)
            {
                throw new ToolException($"line {LineFormat.Line(lineNumber)}: a header needs a name ('{pair}')");
            }

            // Kafka's reader: a header without the key separator has a null value.
            headers.Add(name, at < 0 ? null : Bytes(pair.AsSpan(at + _format.HeadersKeySeparator.Length)));
        }
    }

    private byte[]? Bytes(ReadOnlySpan<char> text) =>
        _format.NullMarker is { } marker && text.SequenceEqual(marker) ? null : Encoding.UTF8.GetBytes(text.ToString());
}
