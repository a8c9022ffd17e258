using Microsoft.Extensions.Logging;
using Pipeline.SchemaRegistry.Election;
using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>
/// The registry's rules over the store (Confluent's KafkaSchemaRegistry): parsing and
/// canonicalizing schemas, lookups, compatibility, and the writes (register, delete, config,
/// mode), which only the primary performs. Reads run on any request thread against
/// <see cref="State"/>; writes are serialized by one lock and start by catching the reader up, so
/// they decide on the latest state.
/// </summary>
public sealed partial class KafkaSchemaRegistry
{
    private const string DefaultContext = ".";

    private readonly SchemaRegistryOptions _options;
    private readonly KafkaStore _store;
    private readonly Dictionary<string, ISchemaProvider> _providers;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ILogger _log;

    public KafkaSchemaRegistry(SchemaRegistryOptions options, KafkaStore store, ILeaderStatus leader, IEnumerable<ISchemaProvider> providers, ILoggerFactory loggers)
    {
        _options = options;
        _store = store;
        Leader = leader;
        _providers = providers.ToDictionary(p => p.SchemaType, StringComparer.Ordinal);
        _log = loggers.CreateLogger("Pipeline.SchemaRegistry");
    }

    public SchemaRegistryOptions Options => _options;

    public RegistryState State => _store.State;

    public ILeaderStatus Leader { get; }

    /// <summary>The schema types this registry accepts, as GET /schemas/types lists them.</summary>
    public IReadOnlyCollection<string> SchemaTypes => _providers.Keys;

    /// <summary>The effective config of a subject: subject-level merged over global, over the server default.</summary>
    public SubjectConfig EffectiveConfig(string? subject)
    {
        var config = new SubjectConfig(_options.CompatibilityLevel, null);
        if (State.Config(null) is { } global)
        {
            config = config.MergedWith(global);
        }

        return subject is not null && State.Config(subject) is { } own ? config.MergedWith(own) : config;
    }

    /// <summary>The mode in force for a subject: its own, else the global one, else READWRITE.</summary>
    public RegistryMode EffectiveMode(string? subject) =>
        (subject is null ? null : State.Mode(subject)) ?? State.Mode(null) ?? RegistryMode.ReadWrite;

    /// <summary>
    /// Parses a request's schema, resolving its references against the store; with
    /// <paramref name="normalize"/> the normalized form. Throws 42201 with the reason.
    /// </summary>
    public ParsedSchema Parse(RegisterSchemaRequest request, bool validateAsNew, bool normalize)
    {
        if (string.IsNullOrWhiteSpace(request.Schema))
        {
            throw RegistryErrors.InvalidSchema("Empty schema");
        }

        var parsed = Parse(request.Type, request.Schema, request.References, validateAsNew);
        return normalize ? parsed.Normalize() : parsed;
    }

    /// <summary>Parses a stored version (its text is trusted: no new-schema validation).</summary>
    public ParsedSchema Parse(StoredSchema stored) => Parse(stored.SchemaType, stored.Schema, stored.References, validateAsNew: false);

    private ParsedSchema Parse(string type, string text, IReadOnlyList<SchemaReference> references, bool validateAsNew)
    {
        if (!_providers.TryGetValue(type, out var provider))
        {
            throw RegistryErrors.InvalidSchema("Invalid schema type " + type);
        }

        try
        {
            return provider.Parse(text, references, State.ResolveReferences(references), validateAsNew);
        }
        catch (InvalidSchemaException e)
        {
            throw RegistryErrors.InvalidSchema(e.Message);
        }
    }

    /// <summary>
    /// The version of <paramref name="subject"/> holding this schema (POST /subjects/{s}); null
    /// when there is none. Soft-deleted versions count only with <paramref name="includeDeleted"/>.
    /// </summary>
    public StoredSchema? LookUp(string subject, RegisterSchemaRequest request, bool normalize, bool includeDeleted)
    {
        var parsed = Parse(request, validateAsNew: false, normalize);
        var identity = StoredSchema.Identity(parsed.CanonicalString, parsed.References);
        if (State.IdOf(identity) is { } id)
        {
            var match = State.Versions(subject, includeDeleted ? VersionFilter.IncludeDeleted : VersionFilter.Live)
                .LastOrDefault(v => v.Id == id);
            if (match is not null)
            {
                return match;
            }
        }

        var versions = State.Versions(subject, includeDeleted ? VersionFilter.IncludeDeleted : VersionFilter.Live);
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (CanLookUp(parsed, versions[i]))
            {
                return versions[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Compatibility of a candidate with the given live versions (oldest first) under the subject's
    /// level; the messages of Confluent's verbose answer, empty when compatible.
    /// </summary>
    public List<string> CheckCompatibility(string subject, RegisterSchemaRequest request, IReadOnlyList<StoredSchema> previous, bool normalize)
    {
        var config = EffectiveConfig(subject);
        var parsed = Parse(request, validateAsNew: true, normalize || config.Normalize == true);
        return CheckCompatibility(config, parsed, previous);
    }

    private List<string> CheckCompatibility(SubjectConfig config, ParsedSchema parsed, IReadOnlyList<StoredSchema> previous)
    {
        var level = config.CompatibilityLevel ?? _options.CompatibilityLevel;
        var old = previous.Select(p => new PreviousSchema(p.Version, Parse(p))).ToArray();
        var messages = CompatibilityChecker.Check(level, parsed, old);
        if (messages.Count > 0)
        {
            messages.Add($"{{validateFields: 'false', compatibility: '{CompatibilityLevels.Name(level)}'}}");
        }

        return messages;
    }

    /// <summary>
    /// Confluent's canLookup: the same schema once references are taken into account, so a schema
    /// sent with its references written inline finds the version registered with references.
    /// </summary>
    private bool CanLookUp(ParsedSchema candidate, StoredSchema stored)
    {
        ParsedSchema previous;
        try
        {
            previous = Parse(stored);
        }
        catch (RegistryException)
        {
            return false;
        }

        if (candidate.SchemaType != previous.SchemaType || candidate.ResolvedString != previous.ResolvedString)
        {
            return false;
        }

        return (candidate.References.Count == 0 && previous.References.Count > 0) || candidate.References.SequenceEqual(previous.References);
    }
}
