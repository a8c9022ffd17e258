using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Writes each assigned partition to its own rolling CSV files. Offsets are committed only up to
/// the last closed file: <see cref="PreCommitAsync"/> answers the first offset of the open file
/// (everything before it is in renamed, synced files), so after a crash the open file's rows are
/// consumed again and written to a file of the same name. Runs on the sink task's thread.
/// Files are kept per original topic partition (where offsets are committed); a null value
/// (tombstone) has no row and is skipped.
/// </summary>
public sealed class CsvSinkTask : SinkTask
{
    private readonly Dictionary<TopicPartition, CsvOutputFile> _open = [];
    private CsvSinkConfig _config = null!;

    public override string Version => ConnectorVersion.Value;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _config = new CsvSinkConfig(props);
        Directory.CreateDirectory(_config.Output);
    }

    public override void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
        // A .tmp left by a crashed run holds rows whose offsets were never committed: they will be
        // consumed again, so the partial file goes.
        foreach (var tp in partitions)
        {
            if (_open.ContainsKey(tp))
            {
                continue;
            }

            var pattern = CsvOutputFile.FileName(_config, tp, 0)[..^(19 + _config.Extension.Length)] + "*" + _config.Extension + ".tmp";
            foreach (var stale in Directory.EnumerateFiles(_config.Output, pattern))
            {
                System.IO.File.Delete(stale);
            }
        }
    }

    public override ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Value is null)
            {
                continue;
            }

            var tp = new TopicPartition(record.OriginalTopic, record.OriginalKafkaPartition);
            if (_open.TryGetValue(tp, out var file) && !file.Fits(record))
            {
                CloseFile(tp, file);
                file = null;
            }

            if (file is null)
            {
                file = CsvOutputFile.Open(_config, tp, record);
                _open[tp] = file;
            }

            file.Write(record);
            if (_config.RotateRows > 0 && file.Rows >= _config.RotateRows)
            {
                CloseFile(tp, file);
            }
        }

        CloseExpired();
        return default;
    }

    public override ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        foreach (var file in _open.Values)
        {
            file.Flush();
        }

        return default;
    }

    public override async ValueTask<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        CloseExpired();
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        var committable = new Dictionary<TopicPartition, long>(currentOffsets.Count);
        foreach (var (tp, next) in currentOffsets)
        {
            committable[tp] = _open.TryGetValue(tp, out var file) ? file.FirstOffset : next;
        }

        return committable;
    }

    public override void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            if (_open.TryGetValue(tp, out var file))
            {
                CloseFile(tp, file);
            }
        }
    }

    public override void Stop()
    {
        foreach (var (tp, file) in _open.ToArray())
        {
            CloseFile(tp, file);
        }
    }

    private void CloseExpired()
    {
        if (_config.RotateInterval is not { } interval || _open.Count == 0)
        {
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var (tp, file) in _open.ToArray())
        {
            if (now - file.OpenedAt >= interval)
            {
                CloseFile(tp, file);
            }
        }
    }

    private void CloseFile(TopicPartition tp, CsvOutputFile file)
    {
        _open.Remove(tp);
        file.Close();
    }
}
