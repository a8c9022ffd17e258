namespace Pipeline.Avro.Schemas;

/// <summary>
/// The name of a record, enum or fixed: simple <see cref="Name"/>, <see cref="Namespace"/> (null
/// for the null namespace) and <see cref="FullName"/>. Equality is by full name, case-sensitive.
/// </summary>
public sealed class SchemaName : IEquatable<SchemaName>
{
    /// <summary>
    /// Resolves a name as the spec says: a dotted name is already full; a simple name takes
    /// <paramref name="space"/> (empty string means the null namespace).
    /// </summary>
    public SchemaName(string name, string? space)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lastDot = name.LastIndexOf('.');
        if (lastDot >= 0)
        {
            space = name[..lastDot];
            name = name[(lastDot + 1)..];
        }

        Name = name;
        Namespace = string.IsNullOrEmpty(space) ? null : space;
        FullName = Namespace is null ? Name : Namespace + "." + Name;
    }

    public string Name { get; }

    public string? Namespace { get; }

    public string FullName { get; }

    /// <summary>
    /// Java's <c>Name.getQualified</c>: the simple name when the namespace equals
    /// <paramref name="defaultSpace"/> (unless the simple name is a type name), else the full name.
    /// </summary>
    public string QualifiedRelativeTo(string? defaultSpace)
    {
        if (Namespace is not null && Namespace == defaultSpace && !IsTypeName(Name))
        {
            return Name;
        }

        return FullName;
    }

    public bool Equals(SchemaName? other) => other is not null && other.FullName == FullName;

    public override bool Equals(object? obj) => Equals(obj as SchemaName);

    public override int GetHashCode() => FullName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => FullName;

    private static bool IsTypeName(string name) => name is "record" or "enum" or "array" or "map" or "union" or "fixed"
        or "string" or "bytes" or "int" or "long" or "float" or "double" or "boolean" or "null";
}
