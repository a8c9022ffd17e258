using System.Text.Json;

namespace Pipeline.Protocol.Generator;

/// <summary>One field of a message or struct, with the C# property name chosen for it.</summary>
public sealed class FieldSpec
{
    public required string Name { get; init; }

    /// <summary>The C# property name (the spec name, capitalised, renamed on a clash).</summary>
    public string PropertyName { get; set; } = "";

    public required FieldType Type { get; init; }

    public required SpecVersions Versions { get; init; }

    public required SpecVersions NullableVersions { get; init; }

    public required SpecVersions TaggedVersions { get; init; }

    public int? Tag { get; init; }

    /// <summary>A field-level "flexibleVersions" override (RequestHeader.ClientId), else null.</summary>
    public SpecVersions? FlexibleVersions { get; init; }

    /// <summary>The JSON "default" value (string, number or bool), if any.</summary>
    public JsonElement? Default { get; init; }

    public string About { get; init; } = "";

    public bool Ignorable { get; init; }

    /// <summary>The struct of a struct or struct-array field.</summary>
    public StructSpec? Struct { get; set; }

    /// <summary>Whether the field is nullable in any version, so its C# type is nullable.</summary>
    public bool IsNullableType => !NullableVersions.IsEmpty && Type.Kind != TypeKind.Records && (Type.IsArray || !Type.IsFixedWidth);

    public bool IsTagged => Tag is not null;

    /// <summary>The default is the null value ("default": "null").</summary>
    public bool DefaultIsNull => Default is { ValueKind: JsonValueKind.String } d && d.GetString() == "null" && !NullableVersions.IsEmpty;

    /// <summary>Versions in which the field is positional (present and not tagged).</summary>
    public SpecVersions PositionalVersions =>
        TaggedVersions.IsEmpty ? Versions : Versions.Intersect(new SpecVersions(0, (short)(TaggedVersions.Lowest - 1)));

    public override string ToString() => $"{Name} ({Type.Spec}, {Versions})";
}
