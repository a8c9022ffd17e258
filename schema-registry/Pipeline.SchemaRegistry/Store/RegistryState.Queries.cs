using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>The read side of <see cref="RegistryState"/>: consistent answers under its lock.</summary>
public sealed partial class RegistryState
{
    /// <summary>A version holding <paramref name="id"/> (live or soft-deleted: deserializers keep working after a soft delete), or null.</summary>
    public StoredSchema? GetById(int id)
    {
        lock (_gate)
        {
            if (!_keysById.TryGetValue(id, out var keys) || keys.Count == 0)
            {
                return null;
            }

            var (subject, version) = keys.Min;
            return _subjects[subject][version];
        }
    }

    /// <summary>The subject versions registered with <paramref name="id"/>, by subject then version; null when the id is unknown.</summary>
    public IReadOnlyList<StoredSchema>? VersionsForId(int id, bool includeDeleted)
    {
        lock (_gate)
        {
            if (!_keysById.TryGetValue(id, out var keys))
            {
                return null;
            }

            return keys.Select(k => _subjects[k.Subject][k.Version]).Where(s => includeDeleted || !s.Deleted).ToArray();
        }
    }

    /// <summary>Subjects starting with <paramref name="prefix"/> that have versions matching <paramref name="filter"/>, sorted.</summary>
    public IReadOnlyList<string> Subjects(string prefix, VersionFilter filter)
    {
        lock (_gate)
        {
            return _subjects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Value.Values.Any(s => Matches(s, filter)))
                .Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        }
    }

    public bool HasSubject(string subject, bool includeDeleted)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subject, out var versions) && versions.Values.Any(s => includeDeleted || !s.Deleted);
        }
    }

    /// <summary>True when any subject (or, with a subject, that one) has a live version.</summary>
    public bool HasLiveSubjects(string? subject)
    {
        lock (_gate)
        {
            return subject is null ? _subjects.Values.Any(v => v.Values.Any(s => !s.Deleted)) : HasSubjectLocked(subject);
        }
    }

    /// <summary>The versions of a subject matching <paramref name="filter"/>, oldest first.</summary>
    public IReadOnlyList<StoredSchema> Versions(string subject, VersionFilter filter)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subject, out var versions) ? versions.Values.Where(s => Matches(s, filter)).ToArray() : [];
        }
    }

    /// <summary>Every version of every subject starting with <paramref name="prefix"/>, by subject then version.</summary>
    public IReadOnlyList<StoredSchema> AllVersions(string prefix, bool includeDeleted, bool latestOnly)
    {
        lock (_gate)
        {
            var result = new List<StoredSchema>();
            foreach (var (subject, versions) in _subjects.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!subject.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var matching = versions.Values.Where(s => includeDeleted || !s.Deleted);
                result.AddRange(latestOnly ? matching.TakeLast(1) : matching);
            }

            return result;
        }
    }

    /// <summary>One version; <paramref name="version"/> -1 is the latest (live, or any with <paramref name="includeDeleted"/>).</summary>
    public StoredSchema? Get(string subject, int version, bool includeDeleted)
    {
        lock (_gate)
        {
            if (!_subjects.TryGetValue(subject, out var versions))
            {
                return null;
            }

            if (version == -1)
            {
                return versions.Values.LastOrDefault(s => includeDeleted || !s.Deleted);
            }

            return versions.TryGetValue(version, out var schema) && (includeDeleted || !schema.Deleted) ? schema : null;
        }
    }

    /// <summary>The id already given to this schema text and references, or null.</summary>
    public int? IdOf(string identityKey)
    {
        lock (_gate)
        {
            return _idByIdentity.TryGetValue(identityKey, out var id) ? id : null;
        }
    }

    /// <summary>Max(version, including soft-deleted) + 1: a soft-deleted number is never reused.</summary>
    public int NextVersion(string subject)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subject, out var versions) && versions.Count > 0 ? versions.Keys.Max() + 1 : 1;
        }
    }

    /// <summary>Versions whose references point at (<paramref name="subject"/>, <paramref name="version"/>): live ones, or all with <paramref name="includeDeleted"/>.</summary>
    public IReadOnlyList<StoredSchema> ReferencedBy(string subject, int version, bool includeDeleted)
    {
        lock (_gate)
        {
            return _subjects.Values.SelectMany(v => v.Values)
                .Where(s => (includeDeleted || !s.Deleted) && s.References.Any(r => r.Subject == subject && ResolveVersionLocked(r) == version))
                .OrderBy(s => s.Id).ToArray();
        }
    }

    /// <summary>The subject-level (or, for null, global) config as stored; null when none is set.</summary>
    public SubjectConfig? Config(string? subject)
    {
        lock (_gate)
        {
            return subject is null ? _globalConfig : _configs.GetValueOrDefault(subject);
        }
    }

    /// <summary>The subject-level (or, for null, global) mode as stored; null when none is set.</summary>
    public RegistryMode? Mode(string? subject)
    {
        lock (_gate)
        {
            return subject is null ? _globalMode : _modes.TryGetValue(subject, out var m) ? m : null;
        }
    }

    /// <summary>The stored schemas of the references and of theirs, dependencies first (Confluent's resolveReferences).</summary>
    public IReadOnlyList<ResolvedReference> ResolveReferences(IReadOnlyList<SchemaReference> references)
    {
        var resolved = new List<ResolvedReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            ResolveLocked(references, resolved, seen, depth: 0);
        }

        return resolved;
    }

    private void ResolveLocked(IReadOnlyList<SchemaReference> references, List<ResolvedReference> resolved, HashSet<string> seen, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidSchemaException("Invalid schema: references nest more than 64 levels deep");
        }

        foreach (var r in references)
        {
            var version = ResolveVersionLocked(r);
            if (version is not { } v || !_subjects.TryGetValue(r.Subject, out var versions) || !versions.TryGetValue(v, out var target))
            {
                throw new InvalidSchemaException($"Invalid schema: No schema reference found for subject \"{r.Subject}\" and version {r.Version}");
            }

            if (seen.Add(r.Name))
            {
                ResolveLocked(target.References, resolved, seen, depth + 1);
                resolved.Add(new ResolvedReference(r.Name, target.Schema));
            }
        }
    }

    private int? ResolveVersionLocked(SchemaReference r)
    {
        if (r.Version != -1)
        {
            return r.Version;
        }

        return _subjects.TryGetValue(r.Subject, out var versions) ? versions.Values.LastOrDefault(s => !s.Deleted)?.Version : null;
    }

    private bool HasSubjectLocked(string subject) => _subjects.TryGetValue(subject, out var versions) && versions.Values.Any(s => !s.Deleted);

    private static bool Matches(StoredSchema s, VersionFilter filter) => filter switch
    {
        VersionFilter.Live => !s.Deleted,
        VersionFilter.DeletedOnly => s.Deleted,
        _ => true,
    };
}
