using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>Soft and permanent deletes of versions and subjects (Confluent's deleteSchemaVersion, deleteSubject), on the primary.</summary>
public sealed partial class KafkaSchemaRegistry
{
    /// <summary>Deletes one version (-1: the latest live one) and returns its number.</summary>
    public async Task<int> DeleteVersionAsync(string subject, int version, bool permanent, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var schema = ValidateDeleteVersion(subject, version, permanent);
            CheckNotReadOnly(subject);
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            if (State.ReferencedBy(subject, schema.Version, includeDeleted: permanent).Count > 0)
            {
                throw RegistryErrors.ReferenceExists(subject, schema.Version);
            }

            var current = State.Get(subject, schema.Version, includeDeleted: true);
            if (permanent && current is { Deleted: false })
            {
                throw RegistryErrors.VersionNotSoftDeleted(subject, schema.Version);
            }

            var key = StoreKey.ForSchema(subject, schema.Version);
            if (!permanent)
            {
                await _store.PutAsync(key, StoreCodec.SerializeSchema(schema with { Deleted = true }), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.PutAsync(key, null, cancellationToken).ConfigureAwait(false);
                if (State.Versions(subject, VersionFilter.IncludeDeleted).Count == 0)
                {
                    await DeleteSubjectSettingsAsync(subject, cancellationToken).ConfigureAwait(false);
                }
            }

            return schema.Version;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The checks a follower may answer without forwarding (Confluent runs them before the write lock).</summary>
    public StoredSchema ValidateDeleteVersion(string subject, int version, bool permanent)
    {
        var any = State.Get(subject, version, includeDeleted: true);
        if (version != -1 && any is { Deleted: true } && !permanent)
        {
            throw RegistryErrors.VersionSoftDeleted(subject, version);
        }

        var schema = version == -1 ? State.Get(subject, -1, includeDeleted: false) ?? any : any;
        if (schema is null)
        {
            throw State.HasSubject(subject, includeDeleted: true) ? RegistryErrors.VersionNotFound(version) : RegistryErrors.SubjectNotFound(subject);
        }

        return schema;
    }

    /// <summary>The checks a follower may answer without forwarding (Confluent's deleteSubjectOrForward).</summary>
    public void ValidateDeleteSubject(string subject, bool permanent)
    {
        if (!State.HasSubject(subject, includeDeleted: true))
        {
            throw RegistryErrors.SubjectNotFound(subject);
        }

        if (!permanent && !State.HasSubject(subject, includeDeleted: false))
        {
            throw RegistryErrors.SubjectSoftDeleted(subject);
        }
    }

    /// <summary>Deletes every version of a subject; returns the version numbers deleted.</summary>
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ValidateDeleteSubject(subject, permanent);
            CheckNotReadOnly(subject);
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            var versions = State.Versions(subject, permanent ? VersionFilter.IncludeDeleted : VersionFilter.Live);
            foreach (var v in versions)
            {
                if (State.ReferencedBy(subject, v.Version, includeDeleted: permanent).Any(r => r.Subject != subject))
                {
                    throw RegistryErrors.ReferenceExists(subject, v.Version);
                }

                if (permanent && !v.Deleted)
                {
                    throw RegistryErrors.SubjectNotSoftDeleted(subject);
                }
            }

            if (!permanent)
            {
                await _store.PutAsync(StoreKey.ForDeleteSubject(subject), StoreCodec.SerializeDeleteSubject(subject, versions[^1].Version), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Newest first, so versions referencing older ones of the same subject go before them.
                for (var i = versions.Count - 1; i >= 0; i--)
                {
                    await _store.PutAsync(StoreKey.ForSchema(subject, versions[i].Version), null, cancellationToken).ConfigureAwait(false);
                }

                await DeleteSubjectSettingsAsync(subject, cancellationToken).ConfigureAwait(false);
            }

            return versions.Select(v => v.Version).ToArray();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task DeleteSubjectSettingsAsync(string subject, CancellationToken cancellationToken)
    {
        if (State.Mode(subject) is not null)
        {
            await _store.PutAsync(StoreKey.ForMode(subject), null, cancellationToken).ConfigureAwait(false);
        }

        if (State.Config(subject) is not null)
        {
            await _store.PutAsync(StoreKey.ForConfig(subject), null, cancellationToken).ConfigureAwait(false);
        }
    }
}
