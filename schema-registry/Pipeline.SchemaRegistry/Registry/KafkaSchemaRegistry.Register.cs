using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>Registration (Confluent's KafkaSchemaRegistry.register), on the primary.</summary>
public sealed partial class KafkaSchemaRegistry
{
    /// <summary>
    /// The fast path any instance takes before forwarding (Confluent's registerOrForward): a schema
    /// already live under the subject is answered from the local state, without a write.
    /// </summary>
    public StoredSchema? FindExistingRegistration(string subject, RegisterSchemaRequest request, bool normalize)
    {
        var existing = LookUp(subject, request, normalize, includeDeleted: false);
        if (existing is null)
        {
            return null;
        }

        var version = request.Version ?? 0;
        if (version is 0 or -1)
        {
            return request.Id is null or < 0 || request.Id == existing.Id ? existing : null;
        }

        return request.Id == existing.Id && version == existing.Version ? existing : null;
    }

    /// <summary>Registers (or finds) the schema under the subject; the primary only.</summary>
    public async Task<StoredSchema> RegisterAsync(string subject, RegisterSchemaRequest request, bool normalize, bool force, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CheckRegisterMode(subject, request.Id is >= 0);
            await _store.WaitUntilCaughtUpAsync(cancellationToken).ConfigureAwait(false);
            return await RegisterLockedAsync(subject, request, normalize, force, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<StoredSchema> RegisterLockedAsync(string subject, RegisterSchemaRequest request, bool normalize, bool force, CancellationToken cancellationToken)
    {
        var all = State.Versions(subject, VersionFilter.IncludeDeleted);
        var newVersion = all.Count == 0 ? 1 : all[^1].Version + 1;
        var live = all.Where(v => !v.Deleted).ToArray();
        var config = EffectiveConfig(subject);
        var importing = EffectiveMode(subject).IsImportOrForward();
        var id = request.Id is >= 0 ? request.Id.Value : -1;
        var parsed = Parse(request, validateAsNew: id < 0, normalize || config.Normalize == true);
        var requestedVersion = request.Version is > 0 ? request.Version.Value : 0;

        var identity = StoredSchema.Identity(parsed.CanonicalString, parsed.References);
        if (State.IdOf(identity) is { } existingId && (id < 0 || id == existingId))
        {
            var underSubject = live.LastOrDefault(v => v.Id == existingId);
            if (requestedVersion == 0 && underSubject is not null)
            {
                return underSubject;
            }

            id = existingId;
        }

        if (requestedVersion == 0)
        {
            for (var i = live.Length - 1; i >= 0; i--)
            {
                if ((id < 0 || id == live[i].Id) && CanLookUp(parsed, live[i]))
                {
                    return live[i];
                }
            }
        }

        if (!importing && !force)
        {
            var messages = CheckCompatibility(config, parsed, live);
            if (messages.Count > 0)
            {
                throw RegistryErrors.Incompatible(subject, messages);
            }
        }

        var version = requestedVersion == 0 ? newVersion : requestedVersion;
        if (requestedVersion != 0 && requestedVersion != newVersion && !importing)
        {
            throw RegistryErrors.InvalidSchema("Version is not one more than previous version");
        }

        if (id >= 0)
        {
            if (State.GetById(id) is { } holder && (holder.Schema != parsed.CanonicalString || holder.SchemaType != parsed.SchemaType || !holder.References.SequenceEqual(parsed.References)))
            {
                throw RegistryErrors.OperationNotPermitted($"Overwrite new schema with id {id} in context {DefaultContext} is not permitted.");
            }
        }
        else
        {
            id = NextId();
        }

        foreach (var deleted in all.Where(v => v.Deleted && v.Id == id && v.Version < version))
        {
            // A soft-deleted earlier version with the same id gives way to the new one, unless something still references it.
            if (State.ReferencedBy(deleted.Subject, deleted.Version, includeDeleted: true).Count == 0)
            {
                await _store.PutAsync(StoreKey.ForSchema(subject, deleted.Version), null, cancellationToken).ConfigureAwait(false);
            }
        }

        var stored = new StoredSchema(subject, version, id, parsed.SchemaType, parsed.References, parsed.CanonicalString, Deleted: false);
        await _store.PutAsync(StoreKey.ForSchema(subject, version), StoreCodec.SerializeSchema(stored), cancellationToken).ConfigureAwait(false);
        SchemaRegistryLog.Registered(_log, id, version, subject);
        return stored;
    }

    /// <summary>Max id ever seen + 1, skipping any id in use (Confluent's IncrementalIdGenerator).</summary>
    private int NextId()
    {
        var id = State.MaxId + 1;
        while (State.GetById(id) is not null)
        {
            id++;
        }

        return id;
    }

    private void CheckRegisterMode(string subject, bool withId)
    {
        var mode = EffectiveMode(subject);
        if (mode.IsReadOnly())
        {
            throw RegistryErrors.OperationNotPermitted($"Subject {subject} in context {DefaultContext} is in read-only mode");
        }

        if (withId && !mode.IsImportOrForward())
        {
            throw RegistryErrors.OperationNotPermitted($"Subject {subject} in context {DefaultContext} is not in import mode");
        }

        if (!withId && mode != RegistryMode.ReadWrite)
        {
            throw RegistryErrors.OperationNotPermitted($"Subject {subject} in context {DefaultContext} is not in read-write mode");
        }
    }

    private void CheckNotReadOnly(string? subject)
    {
        if (EffectiveMode(subject).IsReadOnly())
        {
            throw RegistryErrors.OperationNotPermitted($"Subject {subject} in context {DefaultContext} is in read-only mode");
        }
    }
}
