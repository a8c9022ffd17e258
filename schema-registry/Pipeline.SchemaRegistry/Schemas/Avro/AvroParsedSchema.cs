using System.Text.Json;
using Pipeline.Avro;
using Pipeline.Avro.Compatibility;
using Pipeline.Avro.Schemas;

namespace Pipeline.SchemaRegistry.Schemas.Avro;

/// <summary>An Avro schema as the registry sees it (Confluent's AvroSchema).</summary>
public sealed class AvroParsedSchema : ParsedSchema
{
    private readonly IReadOnlyList<Schema> _referenced;
    private string? _canonical;

    internal AvroParsedSchema(Schema schema, IReadOnlyList<Schema> referenced, IReadOnlyList<SchemaReference> references, IReadOnlyList<ResolvedReference> resolvedReferences)
        : base(references, resolvedReferences)
    {
        Schema = schema;
        _referenced = referenced;
    }

    public Schema Schema { get; }

    public override string SchemaType => AvroSchemaProvider.Type;

    /// <summary>
    /// Java's <c>schema.toString(referencedSchemas, false)</c>: compact, with each referenced type
    /// written by name instead of in full.
    /// </summary>
    public override string CanonicalString => _canonical ??= _referenced.Count == 0 ? Schema.ToJson() : WithReferencesByName();

    public override string ResolvedString => Schema.ToJson();

    public override string? Name => Schema is NamedSchema named ? named.FullName : null;

    public override ParsedSchema Normalize()
    {
        var text = AvroNormalizer.Normalize(Schema, _referenced);
        var references = References.Distinct().Order().ToArray();
        return new AvroSchemaProvider().Parse(text, references, ResolvedReferences, validateAsNew: false);
    }

    public override IReadOnlyList<string> IsBackwardCompatible(ParsedSchema previous)
    {
        if (previous is not AvroParsedSchema other)
        {
            return ["Incompatible because of different schema type"];
        }

        var result = SchemaCompatibility.CheckReaderWriter(Schema, other.Schema);
        var messages = new List<string>(result.Incompatibilities.Count);
        foreach (var incompatibility in result.Incompatibilities)
        {
            messages.Add(AvroDifference.Describe(incompatibility));
        }

        return messages;
    }

    /// <summary>
    /// Pipeline.Avro writes a named type in full at its first occurrence. Writing the union
    /// [references..., schema] makes every referenced type occur first, so the schema's own element
    /// mentions them by name; the element is cut out of that text.
    /// </summary>
    private string WithReferencesByName()
    {
        var prefix = new List<Schema>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in _referenced)
        {
            if (r.Type != Pipeline.Avro.Schemas.SchemaType.Union && names.Add(r.FullName))
            {
                prefix.Add(r);
            }
        }

        var branches = Schema is UnionSchema union ? union.Branches : [Schema];
        var all = new List<Schema>(prefix);
        var inline = new List<int>();
        var ownText = new string?[branches.Count];
        for (var i = 0; i < branches.Count; i++)
        {
            if (names.Contains(branches[i].FullName))
            {
                // A union branch that is itself a referenced type: written by its full name (top level, no namespace).
                ownText[i] = JsonSerializer.Serialize(branches[i].FullName);
                continue;
            }

            inline.Add(i);
            all.Add(branches[i]);
        }

        string text;
        try
        {
            text = new UnionSchema(all).ToJson();
        }
        catch (AvroSchemaException)
        {
            return Schema.ToJson();
        }

        using var document = JsonDocument.Parse(text);
        var elements = document.RootElement.EnumerateArray().ToArray();
        for (var k = 0; k < inline.Count; k++)
        {
            ownText[inline[k]] = elements[prefix.Count + k].GetRawText();
        }

        return Schema is UnionSchema ? "[" + string.Join(',', ownText) + "]" : ownText[0]!;
    }
}
