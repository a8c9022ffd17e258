namespace Pipeline.Protocol.Generator;

/// <summary>
/// A struct: an inline <c>fields</c> list of a struct-typed field or an entry of
/// <c>commonStructs</c>. Generated as a class nested in the message class.
/// </summary>
public sealed class StructSpec
{
    public required string Name { get; init; }

    /// <summary>The C# class name (the spec name, renamed on a clash).</summary>
    public string TypeName { get; set; } = "";

    public required IReadOnlyList<FieldSpec> Fields { get; init; }

    /// <summary>The versions in which this struct can be on the wire (a superset for shared structs).</summary>
    public SpecVersions Context { get; set; } = SpecVersions.None;

    /// <summary>A tagged field holds this struct, so the class needs EqualsDefault().</summary>
    public bool NeedsIsDefault { get; set; }

    public override string ToString() => Name;
}
