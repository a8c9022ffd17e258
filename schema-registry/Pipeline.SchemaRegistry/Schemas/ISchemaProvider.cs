namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>One schema type the registry understands (Confluent's SchemaProvider).</summary>
public interface ISchemaProvider
{
    /// <summary>The <c>schemaType</c> value: AVRO, PROTOBUF, JSON.</summary>
    string SchemaType { get; }

    /// <summary>
    /// Parses <paramref name="schema"/>; <paramref name="validateAsNew"/> applies the checks a new
    /// registration gets (Avro: valid defaults, strict names). Throws
    /// <see cref="InvalidSchemaException"/> with a message that says what and where.
    /// </summary>
    ParsedSchema Parse(string schema, IReadOnlyList<SchemaReference> references, IReadOnlyList<ResolvedReference> resolvedReferences, bool validateAsNew);
}
