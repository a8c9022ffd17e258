using System.Globalization;
using CsvHelper;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// One input file being read: the CsvHelper reader, the row mapper built from its header and the
/// number of data rows consumed so far. Owned by the task thread.
/// </summary>
internal sealed class CsvInputFile : IDisposable
{
    private readonly CsvReader _reader;
    private readonly CsvSourceConfig _config;
    private readonly List<(long Record, CsvMalformedReason Reason)> _malformed = [];
    private readonly int _headerRecords;
    private bool _positioned;
    private long _skippedBytes;

    private CsvInputFile(string path, CsvSourceConfig config, Stream stream)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        _config = config;
        _headerRecords = config.HasHeader ? 1 : 0;
        var options = config.ReaderOptions with { OnMalformedRecord = m => _malformed.Add((m.RecordNumber, m.Reason)) };
        if (CsvChars.IsUtf8(config.Encoding))
        {
            _skippedBytes = SkipLinesUtf8(stream, config.Skip);
            _reader = CsvReader.Create(stream, options, leaveOpen: false);
        }
        else
        {
            var text = new StreamReader(stream, config.Encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            for (var i = 0; i < config.Skip && text.ReadLine() is not null; i++)
            {
            }

            _reader = CsvReader.Create(text, options with { Encoding = null }, leaveOpen: false);
        }
    }

    public string Path { get; }

    public string Name { get; }

    public CsvRowMapper Mapper { get; private set; } = null!;

    /// <summary>Data rows consumed (returned, skipped on resume, or failed).</summary>
    public long Row { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/>, reads its header and skips <paramref name="resumeAfterRow"/>
    /// data rows. A file whose header does not fit the schema throws <see cref="FormatException"/>.
    /// </summary>
    public static CsvInputFile Open(string path, CsvSourceConfig config, long resumeAfterRow, ref Schema? generated)
    {
        var stream = new System.IO.FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var file = new CsvInputFile(path, config, stream);
        try
        {
            file.Initialize(resumeAfterRow, ref generated);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next row mapped to key and value, the end of the file, or the reason the row is bad.</summary>
    public CsvRow Next()
    {
        if (_positioned)
        {
            _positioned = false;
        }
        else if (!_reader.Read())
        {
            return CsvRow.End;
        }

        Row++;
        var record = _reader.RowNumber + _headerRecords;
        if (_malformed.Count > 0 && FindMalformed(record) is { } reason)
        {
            return Error($"malformed quoting ({reason})");
        }

        if (_reader.FieldCount != Mapper.ExpectedFields)
        {
            return Error($"expected {Mapper.ExpectedFields} fields, found {_reader.FieldCount}");
        }

        return Mapper.TryMap(_reader, out var key, out var value, out var error)
            ? new CsvRow(CsvRowKind.Row, Row, key, value, null)
            : Error(error!);
    }

    public void Dispose() => _reader.Dispose();

    private void Initialize(long resumeAfterRow, ref Schema? generated)
    {
        IReadOnlyList<string>? header = null;
        var columns = 0;
        if (_config.HasHeader)
        {
            _reader.ReadHeader();
            header = _reader.Headers;
            columns = header.Count;
        }
        else if (_reader.Read())
        {
            // Without a header the first row tells how many columns there are; it is read again by Next.
            columns = _reader.FieldCount;
            _positioned = true;
        }

        Mapper = CsvRowMapper.Create(_config, header, columns, ref generated);
        while (Row < resumeAfterRow)
        {
            if (_positioned)
            {
                _positioned = false;
            }
            else if (!_reader.Read())
            {
                break;
            }

            Row++;
        }

        _malformed.Clear();
    }

    private CsvMalformedReason? FindMalformed(long record)
    {
        CsvMalformedReason? found = null;
        for (var i = _malformed.Count - 1; i >= 0; i--)
        {
            if (_malformed[i].Record == record)
            {
                found = _malformed[i].Reason;
            }

            if (_malformed[i].Record <= record)
            {
                _malformed.RemoveAt(i);
            }
        }

        return found;
    }

    private CsvRow Error(string reason) => new(CsvRowKind.Error, Row, null, null, $"CSV file '{Path}' line {Line()} (data row {Row.ToString(CultureInfo.InvariantCulture)}): {reason}");

    // Only counted when a row is bad: re-reads the file up to the row's byte offset (UTF-8 input)
    // rather than paying for line tracking on every row.
    private string Line()
    {
        if (!CsvChars.IsUtf8(_config.Encoding))
        {
            return "?";
        }

        try
        {
            var offset = _skippedBytes + _reader.ByteOffset;
            using var s = new System.IO.FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[64 * 1024];
            long lines = 1;
            long read = 0;
            while (read < offset)
            {
                var n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - read));
                if (n == 0)
                {
                    break;
                }

                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                read += n;
            }

            return lines.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static long SkipLinesUtf8(Stream stream, int lines)
    {
        if (lines == 0)
        {
            return 0;
        }

        var buffer = new byte[8192];
        long position = 0;
        var remaining = lines;
        while (remaining > 0)
        {
            var n = stream.Read(buffer, 0, buffer.Length);
            if (n == 0)
            {
                break;
            }

            var span = buffer.AsSpan(0, n);
            var consumed = 0;
            while (remaining > 0)
            {
                var i = span[consumed..].IndexOf((byte)'\n');
                if (i < 0)
                {
                    consumed = n;
                    break;
                }

                consumed += i + 1;
                remaining--;
            }

            position += consumed;
        }

        stream.Seek(position, SeekOrigin.Begin);
        return position;
    }
}
