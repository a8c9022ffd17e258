using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>ReplaceField</c>: keeps the fields in <c>include</c> (all when empty) except those
/// in <c>exclude</c> (exclude wins), and renames per <c>renames</c> (<c>old:new</c> pairs).
/// The pre-2.7 names <c>whitelist</c> and <c>blacklist</c> still work, as in Kafka 3.x; the new
/// name wins when both are given. Tombstones pass through.
/// </summary>
public abstract class ReplaceField : KeyOrValueTransformation
{
    public const string ExcludeConfig = "exclude";
    public const string IncludeConfig = "include";
    public const string RenamesConfig = "renames";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    public const string LegacyIncludeConfig = "whitelist";
    public const string LegacyExcludeConfig = "blacklist";
    private const string Purpose = "field replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(ExcludeConfig, ConfigType.List, "", null, Importance.Medium, "Fields to exclude. This takes precedence over the fields to include.")
        .Define(IncludeConfig, ConfigType.List, "", null, Importance.Medium, "Fields to include. If specified, only these fields will be used.")
        .Define(RenamesConfig, ConfigType.List, "", ConfigValidators.Of((name, value) => ParseRenames(name, value as IReadOnlyList<string> ?? []), "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"), Importance.Medium, "Field rename mappings.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private HashSet<string> _exclude = [];
    private HashSet<string> _include = [];
    private Dictionary<string, string> _renames = [];
    private Dictionary<string, string> _reverseRenames = [];
    private bool _replaceNullWithDefault = true;

    private protected ReplaceField(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var translated = new Dictionary<string, string>(configs, StringComparer.Ordinal);
        Translate(translated, IncludeConfig, LegacyIncludeConfig);
        Translate(translated, ExcludeConfig, LegacyExcludeConfig);
        var config = TransformValidators.Parse(Definition, translated);
        _exclude = new HashSet<string>(config.GetList(ExcludeConfig), StringComparer.Ordinal);
        _include = new HashSet<string>(config.GetList(IncludeConfig), StringComparer.Ordinal);
        _renames = ParseRenames(RenamesConfig, config.GetList(RenamesConfig));
        _reverseRenames = _renames.ToDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        if (OperatingSchema(record) is null)
        {
            var map = Requirements.RequireMap(value, Purpose);
            var updated = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
            foreach (var (name, fieldValue) in Requirements.CopyMap(map))
            {
                if (Filter(name))
                {
                    updated[Renamed(name)] = fieldValue;
                }
            }

            return NewRecord(record, null, updated);
        }

        var input = Requirements.RequireStruct(value, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(input.Schema, MakeUpdatedSchema);
        var output = new Struct(updatedSchema);
        foreach (var field in updatedSchema.Fields)
        {
            var original = _reverseRenames.TryGetValue(field.Name, out var from) ? from : field.Name;
            output.Put(field, _replaceNullWithDefault ? input.Get(original) : input.GetWithoutDefault(original));
        }

        return NewRecord(record, updatedSchema, output);
    }

    private bool Filter(string name) => !_exclude.Contains(name) && (_include.Count == 0 || _include.Contains(name));

    private string Renamed(string name) => _renames.TryGetValue(name, out var to) ? to : name;

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            if (Filter(field.Name))
            {
                builder.Field(Renamed(field.Name), field.Schema);
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private static void Translate(Dictionary<string, string> configs, string current, string legacy)
    {
        if (configs.Remove(legacy, out var value) && !configs.ContainsKey(current))
        {
            configs[current] = value;
        }
    }

    private static Dictionary<string, string> ParseRenames(string name, IReadOnlyList<string> mappings)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var parts = mapping.Split(':');
            if (parts.Length != 2)
            {
                throw new ConfigException(name, mappings, "Invalid rename mapping: " + mapping);
            }

            renames[parts[0]] = parts[1];
        }

        return renames;
    }
}
