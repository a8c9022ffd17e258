using Pipeline.Avro;
using Pipeline.Avro.Schemas;

namespace Pipeline.SchemaRegistry.Schemas.Avro;

/// <summary>
/// The AVRO schema type: parses with Pipeline.Avro (Java's parser rules), references first with
/// the same parser so the schema may use their named types.
/// </summary>
public sealed class AvroSchemaProvider : ISchemaProvider
{
    public const string Type = "AVRO";

    public string SchemaType => Type;

    public ParsedSchema Parse(string schema, IReadOnlyList<SchemaReference> references, IReadOnlyList<ResolvedReference> resolvedReferences, bool validateAsNew)
    {
        var parser = new SchemaParser();
        var referenced = new List<Schema>(resolvedReferences.Count);
        foreach (var reference in resolvedReferences)
        {
            try
            {
                referenced.Add(parser.Parse(reference.Schema));
            }
            catch (AvroSchemaException e)
            {
                throw new InvalidSchemaException($"Invalid schema of type AVRO, details: the reference '{reference.Name}' does not parse: {e.Message}", e);
            }
        }

        Schema parsed;
        try
        {
            parsed = parser.Parse(schema);
        }
        catch (AvroSchemaException e)
        {
            throw new InvalidSchemaException("Invalid schema of type AVRO, details: " + e.Message, e);
        }

        return new AvroParsedSchema(parsed, referenced, references, resolvedReferences);
    }
}
