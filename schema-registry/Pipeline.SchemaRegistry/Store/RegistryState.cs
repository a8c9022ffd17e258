using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// The registry's in-memory image of the <c>_schemas</c> topic. Only the store reader applies
/// records (<see cref="Apply"/>), in offset order; REST handlers read through the query methods.
/// Every member is guarded by one lock: applies and queries are short and never wait inside it.
/// <para>Invariants: an id maps to one schema text (a record reusing an id for another text is
/// ignored, as Confluent's reader does); <see cref="MaxId"/> only grows, so an id is never handed
/// out twice, even after deletes; waiters for an offset are released once it has been applied.</para>
/// </summary>
public sealed partial class RegistryState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<int, StoredSchema>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedSet<(string Subject, int Version)>> _keysById = [];
    private readonly Dictionary<string, int> _idByIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubjectConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegistryMode> _modes = new(StringComparer.Ordinal);
    private readonly List<(long Offset, TaskCompletionSource Done)> _waiters = [];
    private SubjectConfig? _globalConfig;
    private RegistryMode? _globalMode;
    private int _maxId;
    private long _nextOffset;

    /// <summary>The next offset of <c>_schemas</c> to apply (everything before it is applied).</summary>
    public long NextOffset
    {
        get
        {
            lock (_gate)
            {
                return _nextOffset;
            }
        }
    }

    /// <summary>The highest id ever seen (0 for none): new ids start above it.</summary>
    public int MaxId
    {
        get
        {
            lock (_gate)
            {
                return _maxId;
            }
        }
    }

    /// <summary>Applies one record of <c>_schemas</c>; <paramref name="value"/> null is a tombstone. Returns false when the record was ignored as invalid.</summary>
    public bool Apply(StoreKey? key, byte[]? value, long offset)
    {
        lock (_gate)
        {
            var applied = key is null || ApplyLocked(key, value);
            AdvanceLocked(offset + 1);
            return applied;
        }
    }

    /// <summary>Moves the applied position without a record (compacted gaps, control records).</summary>
    public void AdvanceTo(long nextOffset)
    {
        lock (_gate)
        {
            AdvanceLocked(nextOffset);
        }
    }

    /// <summary>Completes once every record before <paramref name="nextOffset"/> is applied.</summary>
    public Task WaitForOffsetAsync(long nextOffset)
    {
        lock (_gate)
        {
            if (_nextOffset >= nextOffset)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((nextOffset, done));
            return done.Task;
        }
    }

    private void AdvanceLocked(long nextOffset)
    {
        if (nextOffset <= _nextOffset)
        {
            return;
        }

        _nextOffset = nextOffset;
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Offset <= _nextOffset)
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private bool ApplyLocked(StoreKey key, byte[]? value)
    {
        switch (key.Type)
        {
            case StoreKeyType.Schema when key.Subject is not null:
                return value is null ? RemoveSchemaLocked(key.Subject, key.Version) : PutSchemaLocked(key, value);
            case StoreKeyType.Config:
                var config = value is null ? null : StoreCodec.DeserializeConfig(value);
                SetLocked(_configs, key.Subject, config, ref _globalConfig);
                return value is null || config is not null;
            case StoreKeyType.Mode:
                var mode = value is null ? null : StoreCodec.DeserializeMode(value);
                if (key.Subject is null)
                {
                    _globalMode = mode;
                }
                else if (mode is { } m)
                {
                    _modes[key.Subject] = m;
                }
                else
                {
                    _modes.Remove(key.Subject);
                }

                return value is null || mode is not null;
            case StoreKeyType.DeleteSubject when value is not null:
                if (StoreCodec.DeserializeDeleteSubject(value) is not { } delete || !_subjects.TryGetValue(delete.Subject, out var versions))
                {
                    return true;
                }

                foreach (var (v, s) in versions.ToArray())
                {
                    if (v <= delete.Version && !s.Deleted)
                    {
                        versions[v] = s with { Deleted = true };
                    }
                }

                return true;
            case StoreKeyType.ClearSubject when value is not null:
                ClearDeletedLocked(StoreCodec.DeserializeClearSubject(value));
                return true;
            default:
                return true;
        }
    }

    private static void SetLocked(Dictionary<string, SubjectConfig> map, string? subject, SubjectConfig? config, ref SubjectConfig? global)
    {
        if (subject is null)
        {
            global = config;
        }
        else if (config is not null)
        {
            map[subject] = config;
        }
        else
        {
            map.Remove(subject);
        }
    }

    private bool PutSchemaLocked(StoreKey key, byte[] value)
    {
        if (StoreCodec.DeserializeSchema(value) is not { } schema)
        {
            return false;
        }

        schema = schema with { Subject = key.Subject!, Version = key.Version };
        if (_keysById.TryGetValue(schema.Id, out var sharing) && sharing.Count > 0)
        {
            var (s0, v0) = sharing.Min;
            var existing = _subjects[s0][v0];
            if (existing.Schema != schema.Schema && !(s0 == schema.Subject && v0 == schema.Version))
            {
                return false;
            }
        }

        if (!_subjects.TryGetValue(schema.Subject, out var versions))
        {
            versions = [];
            _subjects[schema.Subject] = versions;
        }

        if (versions.TryGetValue(schema.Version, out var old) && old.Id != schema.Id)
        {
            UnlinkLocked(old);
        }

        versions[schema.Version] = schema;
        if (!_keysById.TryGetValue(schema.Id, out var keys))
        {
            keys = [];
            _keysById[schema.Id] = keys;
        }

        keys.Add((schema.Subject, schema.Version));
        _idByIdentity.TryAdd(schema.IdentityKey, schema.Id);
        _maxId = Math.Max(_maxId, schema.Id);
        return true;
    }

    private bool RemoveSchemaLocked(string subject, int version)
    {
        if (_subjects.TryGetValue(subject, out var versions) && versions.Remove(version, out var old))
        {
            if (versions.Count == 0)
            {
                _subjects.Remove(subject);
            }

            UnlinkLocked(old);
        }

        return true;
    }

    private void UnlinkLocked(StoredSchema old)
    {
        if (_keysById.TryGetValue(old.Id, out var keys))
        {
            keys.Remove((old.Subject, old.Version));
            if (keys.Count == 0)
            {
                _keysById.Remove(old.Id);
                if (_idByIdentity.TryGetValue(old.IdentityKey, out var id) && id == old.Id)
                {
                    _idByIdentity.Remove(old.IdentityKey);
                }
            }
        }
    }

    /// <summary>CLEAR_SUBJECT (written when entering IMPORT): forgets soft-deleted versions of the subject, or of every subject.</summary>
    private void ClearDeletedLocked(string? subject)
    {
        foreach (var (name, versions) in _subjects.ToArray())
        {
            if (subject is not null && name != subject)
            {
                continue;
            }

            foreach (var (v, s) in versions.ToArray())
            {
                if (s.Deleted)
                {
                    RemoveSchemaLocked(name, v);
                }
            }
        }
    }
}
