using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>Config (compatibility level, normalize) and mode writes, on the primary.</summary>
public sealed partial class KafkaSchemaRegistry
{
    /// <summary>Sets the subject's (null: global) config, keeping fields the update leaves out; returns the new config.</summary>
    public async Task<SubjectConfig> UpdateConfigAsync(string? subject, SubjectConfig update, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CheckNotReadOnly(subject);
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            var merged = (State.Config(subject) ?? new SubjectConfig(null, null)).MergedWith(update);
            await _store.PutAsync(StoreKey.ForConfig(subject), StoreCodec.SerializeConfig(subject, merged), cancellationToken).ConfigureAwait(false);
            return merged;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Removes the subject's (null: global) config.</summary>
    public async Task DeleteConfigAsync(string? subject, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CheckNotReadOnly(subject);
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            await _store.PutAsync(StoreKey.ForConfig(subject), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sets the subject's (null: global) mode. Entering IMPORT needs no live subject in scope
    /// (unless <paramref name="force"/>); it then hard-deletes the soft-deleted versions in scope and
    /// writes CLEAR_SUBJECT, as Confluent does.
    /// </summary>
    public async Task SetModeAsync(string? subject, RegistryMode mode, bool force, CancellationToken cancellationToken)
    {
        if (!_options.ModeMutability)
        {
            throw RegistryErrors.OperationNotPermitted("Mode changes are not allowed");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            if (mode == RegistryMode.Import && EffectiveMode(subject) != RegistryMode.Import && !force)
            {
                if (State.HasLiveSubjects(subject))
                {
                    throw RegistryErrors.OperationNotPermitted("Cannot import since found existing subjects");
                }

                var inScope = subject is null ? State.Subjects("", VersionFilter.IncludeDeleted) : [subject];
                var doomed = inScope.SelectMany(s => State.Versions(s, VersionFilter.IncludeDeleted)).ToArray();
                foreach (var v in doomed)
                {
                    if (State.ReferencedBy(v.Subject, v.Version, includeDeleted: true).Count > 0)
                    {
                        throw RegistryErrors.ReferenceExists(v.Subject, v.Version);
                    }
                }

                foreach (var v in doomed)
                {
                    await _store.PutAsync(StoreKey.ForSchema(v.Subject, v.Version), null, cancellationToken).ConfigureAwait(false);
                }

                await _store.PutAsync(StoreKey.ForClearSubject(subject), StoreCodec.SerializeClearSubject(subject), cancellationToken).ConfigureAwait(false);
            }

            await _store.PutAsync(StoreKey.ForMode(subject), StoreCodec.SerializeMode(subject, mode), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Removes the subject's (null: global) mode.</summary>
    public async Task DeleteModeAsync(string? subject, CancellationToken cancellationToken)
    {
        if (!_options.ModeMutability)
        {
            throw RegistryErrors.OperationNotPermitted("Mode changes are not allowed");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            await _store.PutAsync(StoreKey.ForMode(subject), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
