namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>
/// A schema a provider has parsed (Confluent's ParsedSchema): what the registry stores
/// (<see cref="CanonicalString"/>), how it compares two schemas, and how it checks compatibility.
/// Immutable and safe to share.
/// </summary>
public abstract class ParsedSchema
{
    protected ParsedSchema(IReadOnlyList<SchemaReference> references, IReadOnlyList<ResolvedReference> resolvedReferences)
    {
        References = references;
        ResolvedReferences = resolvedReferences;
    }

    /// <summary>AVRO, PROTOBUF or JSON.</summary>
    public abstract string SchemaType { get; }

    /// <summary>The text the registry stores and returns (for Avro, Java's compact <c>Schema.toString</c> with referenced types by name).</summary>
    public abstract string CanonicalString { get; }

    /// <summary>The whole schema with its references written out: two schemas with equal texts are equivalent (lookup across inline/referenced forms).</summary>
    public abstract string ResolvedString { get; }

    /// <summary>The full name of the top-level type (RecordNameStrategy), or null when it has none.</summary>
    public abstract string? Name { get; }

    public IReadOnlyList<SchemaReference> References { get; }

    public IReadOnlyList<ResolvedReference> ResolvedReferences { get; }

    /// <summary>The normalized form (<c>normalize=true</c>): a deterministic text, references sorted and de-duplicated.</summary>
    public abstract ParsedSchema Normalize();

    /// <summary>
    /// Why this schema (the reader) cannot read data written with <paramref name="previous"/> (the
    /// writer); empty when it can. Messages carry two <c>%s</c> slots that the checker fills with
    /// "new"/"old" as Confluent's SchemaValidatorBuilder does.
    /// </summary>
    public abstract IReadOnlyList<string> IsBackwardCompatible(ParsedSchema previous);

    public override string ToString() => CanonicalString;
}
