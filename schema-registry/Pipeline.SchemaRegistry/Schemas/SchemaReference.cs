namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>
/// A schema's dependency on another registered schema: <see cref="Name"/> is how the schema refers
/// to it (Avro: the referenced type's full name), <see cref="Subject"/> and <see cref="Version"/>
/// say where it is registered (-1 = the subject's latest version).
/// </summary>
public sealed record SchemaReference(string Name, string Subject, int Version) : IComparable<SchemaReference>
{
    /// <summary>Java's SchemaReference ordering (name, subject, version): normalization sorts references with it.</summary>
    public int CompareTo(SchemaReference? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Name, other.Name);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Subject, other.Subject);
        return c != 0 ? c : Version.CompareTo(other.Version);
    }

    public override string ToString() => $"{{name='{Name}', subject='{Subject}', version={Version}}}";
}
