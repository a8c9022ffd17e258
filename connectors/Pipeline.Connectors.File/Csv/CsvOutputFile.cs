using System.Collections;
using System.Globalization;
using CsvHelper;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// The open file of one topic partition: rows go to <c>{name}.tmp</c>, which becomes
/// <c>{name}</c> when the file is closed (roll, partition close, task stop). The name carries the
/// offset of the first row, so rewriting the same offsets after a crash replaces the same file.
/// The columns are fixed by the first record: a record of another shape closes the file first.
/// Sink task thread only.
/// </summary>
internal sealed class CsvOutputFile : IDisposable
{
    private readonly CsvSinkConfig _config;
    private readonly System.IO.FileStream _stream;
    private readonly CsvWriter _writer;
    private readonly Schema? _schema;
    private readonly string[]? _mapKeys;

    private CsvOutputFile(CsvSinkConfig config, TopicPartition partition, SinkRecord first)
    {
        _config = config;
        FirstOffset = first.KafkaOffset;
        FinalPath = Path.Combine(config.Output, FileName(config, partition, first.KafkaOffset));
        TempPath = FinalPath + ".tmp";
        OpenedAt = DateTime.UtcNow;
        _stream = new System.IO.FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        _writer = CsvChars.IsUtf8(config.Encoding)
            ? CsvWriter.Create(_stream, config.WriterOptions, leaveOpen: true)
            : CsvWriter.Create(new StreamWriter(_stream, config.Encoding, 64 * 1024, leaveOpen: true), config.WriterOptions, leaveOpen: false);
        _schema = first.ValueSchema;
        if (_schema is null && first.Value is IDictionary map)
        {
            _mapKeys = new string[map.Count];
            var i = 0;
            foreach (DictionaryEntry e in map)
            {
                _mapKeys[i++] = Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "";
            }
        }

        if (config.Header)
        {
            WriteHeader();
        }
    }

    public long FirstOffset { get; }

    /// <summary>The offset of the last row written.</summary>
    public long LastOffset { get; private set; } = -1;

    public long Rows { get; private set; }

    public DateTime OpenedAt { get; }

    public string TempPath { get; }

    public string FinalPath { get; }

    public static string FileName(CsvSinkConfig config, TopicPartition partition, long firstOffset) =>
        config.Prefix + partition.Topic + "-" + partition.Partition.ToString(CultureInfo.InvariantCulture) + "-" + firstOffset.ToString("D19", CultureInfo.InvariantCulture) + config.Extension;

    public static CsvOutputFile Open(CsvSinkConfig config, TopicPartition partition, SinkRecord first) => new(config, partition, first);

    /// <summary>Whether <paramref name="record"/> has this file's columns.</summary>
    public bool Fits(SinkRecord record)
    {
        if (_schema is not null)
        {
            return ReferenceEquals(record.ValueSchema, _schema) || _schema.Equals(record.ValueSchema);
        }

        if (record.ValueSchema is not null)
        {
            return false;
        }

        if (_mapKeys is null)
        {
            return record.Value is not IDictionary;
        }

        if (record.Value is not IDictionary map || map.Count != _mapKeys.Length)
        {
            return false;
        }

        foreach (var key in _mapKeys)
        {
            if (!map.Contains(key))
            {
                return false;
            }
        }

        return true;
    }

    public void Write(SinkRecord record)
    {
        var value = record.Value;
        if (_schema is { Type: SchemaType.Struct } && value is Struct s)
        {
            var fields = _schema.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                CsvValueFormatter.Write(_writer, fields[i].Schema, s.Get(fields[i]));
            }
        }
        else if (_mapKeys is not null)
        {
            var map = (IDictionary)value!;
            foreach (var key in _mapKeys)
            {
                CsvValueFormatter.Write(_writer, null, map[key]);
            }
        }
        else
        {
            CsvValueFormatter.Write(_writer, _schema, value);
        }

        _writer.EndRecord();
        Rows++;
        LastOffset = record.KafkaOffset;
    }

    /// <summary>Writes what is buffered and syncs it to disk (the file stays open and keeps its .tmp name).</summary>
    public void Flush()
    {
        _writer.Flush();
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Flushes, syncs and renames the file to its final name (replacing a file from an earlier attempt at the same offsets).</summary>
    public void Close()
    {
        _writer.Dispose();
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        System.IO.File.Move(TempPath, FinalPath, overwrite: true);
    }

    /// <summary>Drops the file (an error path: the rows will be consumed again).</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private void WriteHeader()
    {
        if (_schema is { Type: SchemaType.Struct })
        {
            foreach (var field in _schema.Fields)
            {
                _writer.WriteField(field.Name);
            }
        }
        else if (_mapKeys is not null)
        {
            foreach (var key in _mapKeys)
            {
                _writer.WriteField(key);
            }
        }
        else
        {
            _writer.WriteField("value");
        }

        _writer.EndRecord();
    }
}
