using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// The source offset of one CSV row: <c>row</c>, <c>eof</c>, <c>last.modified</c>, <c>length</c>,
/// in that order (the order a Dictionary built the same way enumerates, so stored offsets read the
/// same). One small read-only object per row instead of a Dictionary and a boxed row number: the
/// worker only reads the offsets it commits, and the boxes it then gets are made on access.
/// <paramref name="lastModified"/> and <paramref name="length"/> are boxed once per file.
/// </summary>
internal sealed class CsvRowOffset(long row, bool eof, object lastModified, object length) : IReadOnlyDictionary<string, object?>
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly string[] Names = [CsvSourceTask.RowField, CsvSourceTask.EofField, CsvSourceTask.LastModifiedField, CsvSourceTask.LengthField];

    public int Count => Names.Length;

    public IEnumerable<string> Keys => Names;

    public IEnumerable<object?> Values
    {
        get
        {
            for (var i = 0; i < Names.Length; i++)
            {
                yield return ValueAt(i);
            }
        }
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The offset has no '{key}'");

    public bool ContainsKey(string key) => Array.IndexOf(Names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = Array.IndexOf(Names, key);
        value = i >= 0 ? ValueAt(i) : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Names.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(Names[i], ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{{row={row}, eof={eof}, last.modified={lastModified}, length={length}}}";

    private object ValueAt(int i) => i switch
    {
        0 => row,
        1 => eof ? True : False,
        2 => lastModified,
        _ => length,
    };
}
