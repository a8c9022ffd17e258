using System.Text.Json;
using Pipeline.Storage.IO;

namespace Pipeline.Broker.Coordinators.ProducerIds;

/// <summary>
/// The transactional ids this broker coordinates, kept durably in
/// <c>&lt;first log dir&gt;/pipeline-transactional-ids.json</c> (rewritten with
/// <see cref="DurableFile"/> on every change: InitProducerId calls are rare). An id unused for
/// <c>transactional.id.expiration.ms</c> is forgotten (Kafka's removeExpiredTransactionalIds);
/// expired ids are dropped when the file is loaded or written and ignored by lookups.
/// Until transactions arrive (with their <c>__transaction_state</c> topic) this file is the
/// coordinator's log.
/// Threads: not thread-safe; <see cref="ProducerIdCoordinator"/> serializes access.
/// </summary>
public sealed class TransactionalIdStore
{
    public const string FileName = "pipeline-transactional-ids.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly Dictionary<string, TransactionalIdState> _states = new(StringComparer.Ordinal);
    private readonly string _path;

    public TransactionalIdStore(string logDir, long expirationMs, long nowMs)
    {
        Directory.CreateDirectory(logDir);
        _path = Path.Combine(logDir, FileName);
        ExpirationMs = expirationMs;
        foreach (var state in Load(_path))
        {
            if (!IsExpired(state, nowMs))
            {
                _states[state.TransactionalId] = state;
            }
        }
    }

    public long ExpirationMs { get; }

    public string FilePath => _path;

    public int Count => _states.Count;

    public bool TryGet(string transactionalId, long nowMs, out TransactionalIdState state)
    {
        if (_states.TryGetValue(transactionalId, out var found) && !IsExpired(found, nowMs))
        {
            state = found;
            return true;
        }

        state = null!;
        return false;
    }

    /// <summary>Saves <paramref name="state"/> (durably, before returning) and drops expired ids.</summary>
    public void Put(TransactionalIdState state, long nowMs)
    {
        var before = _states.GetValueOrDefault(state.TransactionalId);
        _states[state.TransactionalId] = state;
        RemoveExpired(nowMs);
        try
        {
            DurableFile.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(new Document(0, [.. _states.Values]), Json));
        }
        catch
        {
            // Not saved: the caller answers with an error, so memory must not claim otherwise.
            if (before is null)
            {
                _states.Remove(state.TransactionalId);
            }
            else
            {
                _states[state.TransactionalId] = before;
            }

            throw;
        }
    }

    /// <summary>Forgets ids unused for <see cref="ExpirationMs"/>; returns how many.</summary>
    public int RemoveExpired(long nowMs)
    {
        List<string>? expired = null;
        foreach (var (id, state) in _states)
        {
            if (IsExpired(state, nowMs))
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (var id in expired ?? [])
        {
            _states.Remove(id);
        }

        return expired?.Count ?? 0;
    }

    private bool IsExpired(TransactionalIdState state, long nowMs) => state.LastUpdateMs <= nowMs - ExpirationMs;

    private static List<TransactionalIdState> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), Json)?.TransactionalIds ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({e.Message}); restore it or delete it (every transactional producer then starts a new producer id)", e);
        }
    }

    private sealed record Document(int Version, List<TransactionalIdState> TransactionalIds);
}
