using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>A record field. <see cref="Position"/> is set when the field is added to a record.</summary>
public sealed class Field
{
    /// <param name="defaultValue">The default as JSON (for a union, the plain value of a branch); null for none. JSON null is a <see cref="JsonElement"/> of kind Null.</param>
    public Field(string name, Schema schema, string? doc = null, JsonElement? defaultValue = null, FieldOrder order = FieldOrder.Ascending, IEnumerable<string>? aliases = null, SchemaProperties? properties = null)
    {
        NameRules.Validate(name);
        ArgumentNullException.ThrowIfNull(schema);
        Name = name;
        Schema = schema;
        Doc = doc;
        Order = order;
        Aliases = aliases?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        Properties = properties ?? SchemaProperties.Empty;
        if (defaultValue is { } value)
        {
            // Java validates defaults on construction (Schema.validateDefault).
            if (!DefaultValues.IsValid(schema, value))
            {
                throw new AvroSchemaException($"invalid default for field \"{name}\": {value.GetRawText()} is not a {schema.ToJson()}");
            }

            Default = value.Clone();
        }
    }

    public string Name { get; }

    public Schema Schema { get; }

    public string? Doc { get; }

    /// <summary>The default value as JSON, or null when the field has none.</summary>
    public JsonElement? Default { get; }

    public bool HasDefault => Default.HasValue;

    public FieldOrder Order { get; }

    /// <summary>Other names this field had in writer schemas (plain field names).</summary>
    public IReadOnlyList<string> Aliases { get; }

    public SchemaProperties Properties { get; }

    /// <summary>Zero-based index in the record, -1 until added.</summary>
    public int Position { get; internal set; } = -1;

    public override string ToString() => $"{Name} type:{SchemaTypeNames.JavaName(Schema.Type)} pos:{Position}";
}
