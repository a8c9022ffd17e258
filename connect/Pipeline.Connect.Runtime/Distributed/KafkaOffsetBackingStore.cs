using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Consumer;
using Pipeline.Connect.Runtime.Storage;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Source offsets in offset.storage.topic (Kafka's KafkaOffsetBackingStore): each record's key is
/// the JSON text <c>["connector",{partition}]</c>, its value the JSON offset map, a null value a
/// removal. The whole topic is read into memory; reads first catch up with the topic so a task that
/// moved from another worker sees that worker's last commit.
/// <para>Threads: the map is written by the log's reader task and read by callers under a lock.</para>
/// </summary>
public sealed class KafkaOffsetBackingStore : IOffsetBackingStore
{
    private readonly KafkaBasedLog _log;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);

    public KafkaOffsetBackingStore(KafkaBasedLogOptions options, ILoggerFactory? loggers = null)
    {
        _log = new KafkaBasedLog(options, OnRecord, loggers);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _log.StartAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_data.TryGetValue(key, out var value))
                {
                    result[key] = value;
                }
            }
        }

        return result;
    }

    public async Task SetAsync(IReadOnlyDictionary<string, string?> entries, CancellationToken cancellationToken)
    {
        var sends = new List<Task>(entries.Count);
        foreach (var (key, value) in entries)
        {
            sends.Add(_log.SendAsync(Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), cancellationToken));
        }

        await Task.WhenAll(sends).ConfigureAwait(false);

        // Apply locally at once (the reader applies the same values again): a get right after a
        // set sees it even before the record comes back, as Kafka's store does.
        lock (_gate)
        {
            foreach (var (key, value) in entries)
            {
                if (value is null)
                {
                    _data.Remove(key);
                }
                else
                {
                    _data[key] = value;
                }
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken)
    {
        await _log.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return new Dictionary<string, string>(_data, StringComparer.Ordinal);
        }
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();

    private void OnRecord(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message?.Key is not { } keyBytes)
        {
            return;
        }

        var key = Encoding.UTF8.GetString(keyBytes);
        var value = record.Message.Value;
        lock (_gate)
        {
            if (value is null)
            {
                _data.Remove(key);
            }
            else
            {
                _data[key] = Encoding.UTF8.GetString(value);
            }
        }
    }
}
