namespace Pipeline.Cli.Tools.Output;

/// <summary>
/// Aligned columns separated by two spaces, a header row in capitals, no trailing blanks (what
/// kafka-consumer-groups prints, and what `column -t` would make): easy to read and to grep.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    public int Count => _rows.Count;

    /// <summary>Adds a row; a null cell prints as "-".</summary>
    public void Add(params object?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headers.Length} columns");
        }

        var row = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            row[i] = cells[i] switch
            {
                null => "-",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var o => o.ToString() ?? "-",
            };
        }

        _rows.Add(row);
    }

    public void Write(TextWriter writer)
    {
        var widths = new int[_headers.Length];
        for (var c = 0; c < _headers.Length; c++)
        {
            widths[c] = _headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        WriteRow(writer, _headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            writer.Write(cells[c]);
            if (c < cells.Length - 1)
            {
                writer.Write(new string(' ', widths[c] - cells[c].Length + 2));
            }
        }

        writer.WriteLine();
    }
}
