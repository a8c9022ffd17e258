using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Reads the CSV files of its share of <c>input.path</c>, one at a time in name order, one record
/// per row. Source partition <c>{"filename": name}</c>; offset <c>{"row": data rows done,
/// "eof": whether that was the last row, "last.modified": ms, "length": bytes}</c>. On a restart
/// the committed row count is skipped, unless the file's size or time changed (a new file under
/// an old name), which starts it from the top. PollAsync runs on the task thread; CommitRecord may
/// come from any thread.
/// </summary>
public sealed class CsvSourceTask : SourceTask
{
    public const string FilenameField = "filename";
    public const string RowField = "row";
    public const string EofField = "eof";
    public const string LastModifiedField = "last.modified";
    public const string LengthField = "length";

    private readonly ConcurrentDictionary<string, InputFileProgress> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long LastModified, long Length)> _leftInPlace = new(StringComparer.Ordinal);
    private CsvSourceConfig _config = null!;
    private InputDirectory _directory = null!;
    private CsvInputFile? _file;
    private InputFileProgress? _progress;
    private IReadOnlyDictionary<string, object?>? _partition;
    private object _lastModified = 0L;
    private object _length = 0L;
    private CsvRow? _lookahead;
    private Exception? _pendingFailure;
    private Schema? _generated;

    public override string Version => ConnectorVersion.Value;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _config = new CsvSourceConfig(props);
        _directory = new InputDirectory(_config);
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_pendingFailure is { } failure)
        {
            throw failure;
        }

        SettleFinishedFiles();
        if (_file is null && !OpenNextFile())
        {
            await IdleAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var file = _file!;
        var progress = _progress!;
        var records = new List<SourceRecord>(Math.Min(_config.Batch, 4096));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (records.Count < _config.Batch)
        {
            var current = _lookahead ?? file.Next();
            _lookahead = null;
            if (current.Kind == CsvRowKind.End)
            {
                FinishFile(error: null);
                break;
            }

            if (current.Kind == CsvRowKind.Error)
            {
                if (FailRow(current.Error!, records.Count > 0))
                {
                    break;
                }

                FinishFile(current.Error);
                break;
            }

            // Read one row ahead so the last row's offset can say the file is done.
            var next = file.Next();
            _lookahead = next;
            records.Add(new SourceRecord(
                _partition,
                Offset(current.Row, eof: next.Kind == CsvRowKind.End),
                _config.TopicName,
                null,
                file.Mapper.KeySchema,
                current.Key,
                file.Mapper.ValueSchema,
                current.Value,
                timestamp));
            progress.Emitted++;
        }

        return records.Count == 0 ? null : records;
    }

    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        if (record.SourcePartition is { } partition
            && partition.TryGetValue(FilenameField, out var name)
            && name is string filename
            && _inFlight.TryGetValue(filename, out var progress))
        {
            progress.Acknowledge();
        }
    }

    public override void Stop()
    {
        _file?.Dispose();
        _file = null;
        SettleFinishedFiles();
    }

    private bool OpenNextFile()
    {
        while (_directory.NextFile(_inFlight, _leftInPlace) is { } candidate)
        {
            var name = Path.GetFileName(candidate.FullName);
            var partition = new Dictionary<string, object?> { [FilenameField] = name };
            var lastModified = new DateTimeOffset(candidate.LastWriteTimeUtc).ToUnixTimeMilliseconds();
            var length = candidate.Length;
            long resumeAfter = 0;
            var committed = Context.OffsetStorageReader.Offset(partition);
            if (committed is not null
                && SameFile(committed, lastModified, length)
                && committed.TryGetValue(RowField, out var r) && OffsetValues.TryGetLong(r, out var row))
            {
                if (committed.TryGetValue(EofField, out var eof) && OffsetValues.IsTrue(eof))
                {
                    // Every row was written before a restart; only the cleanup is left.
                    var done = new InputFileProgress(candidate.FullName, lastModified, length) { Done = true };
                    _inFlight[name] = done;
                    SettleFinishedFiles();
                    continue;
                }

                resumeAfter = row;
            }
            else if (committed is not null)
            {
                Trace.TraceWarning("CSV source: {0} changed since its offset was committed (size or time differ); reading it from the start", candidate.FullName);
            }

            var progress = new InputFileProgress(candidate.FullName, lastModified, length);
            _inFlight[name] = progress;
            try
            {
                _file = CsvInputFile.Open(candidate.FullName, _config, resumeAfter, ref _generated);
            }
            catch (Exception e) when (e is FormatException or DataException or IOException)
            {
                var reason = $"CSV file '{candidate.FullName}': {e.Message}";
                if (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    _inFlight.TryRemove(name, out _);
                    continue;
                }

                if (_config.Halt)
                {
                    _inFlight.TryRemove(name, out _);
                    throw new ConnectException(reason, e);
                }

                progress.Done = true;
                progress.Error = reason;
                SettleFinishedFiles();
                continue;
            }

            _progress = progress;
            _partition = partition;
            // Boxed once per file: every row's offset shares them.
            _lastModified = lastModified;
            _length = length;
            _lookahead = null;
            return true;
        }

        return false;
    }

    // An offset set through the REST API may give only the row: then it is trusted as is.
    private static bool SameFile(IReadOnlyDictionary<string, object?> committed, long lastModified, long length)
    {
        if (committed.TryGetValue(LastModifiedField, out var m) && (!OffsetValues.TryGetLong(m, out var committedModified) || committedModified != lastModified))
        {
            return false;
        }

        return !committed.TryGetValue(LengthField, out var l) || (OffsetValues.TryGetLong(l, out var committedLength) && committedLength == length);
    }

    private CsvRowOffset Offset(long row, bool eof) => new(row, eof, _lastModified, _length);

    /// <summary>A bad row: with halt.on.error the task fails (after returning the good rows before it); returns true to stop the batch there.</summary>
    private bool FailRow(string reason, bool haveRecords)
    {
        if (!_config.Halt)
        {
            Trace.TraceWarning("CSV source: {0}; moving the file to {1}", reason, _config.Error);
            return false;
        }

        var failure = new ConnectException(reason);
        if (haveRecords)
        {
            _pendingFailure = failure;
            return true;
        }

        throw failure;
    }

    private void FinishFile(string? error)
    {
        _file!.Dispose();
        _file = null;
        _progress!.Done = true;
        _progress.Error = error;
        _progress = null;
        _lookahead = null;
        SettleFinishedFiles();
    }

    private void SettleFinishedFiles()
    {
        foreach (var (name, progress) in _inFlight)
        {
            if (!progress.Settled)
            {
                continue;
            }

            _directory.CleanUp(progress.Path, progress.Error);
            _inFlight.TryRemove(name, out _);
            if (progress.Error is null && _config.Cleanup == CleanupPolicy.None)
            {
                _leftInPlace[name] = (progress.LastModified, progress.Length);
            }
        }
    }

    private async Task IdleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_config.EmptyPollWait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping or pausing: return to the runtime without an error.
        }
    }
}
