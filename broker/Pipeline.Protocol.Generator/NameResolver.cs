namespace Pipeline.Protocol.Generator;

/// <summary>
/// Chooses C# names. Properties keep the spec field name (first letter capitalised); nested
/// struct classes keep the struct name. C# forbids a member named like its enclosing type and a
/// nested type named like a sibling member, so:
/// <list type="bullet">
/// <item>a property named like its class or like a generated member gets the suffix "Value";</item>
/// <item>a nested type named like a member of the message class (or a type the generated code
/// uses) gets the suffix "Data", then "Struct".</item>
/// </list>
/// </summary>
public static class NameResolver
{
    /// <summary>Members every generated message class declares.</summary>
    private static readonly HashSet<string> MessageMembers =
    [
        "Key", "ApiKey", "LowestSupportedVersion", "HighestSupportedVersion", "LowestFlexibleVersion",
        "IsFlexible", "Read", "Write", "UnknownTaggedFields", "EqualsDefault",
    ];

    /// <summary>Members every generated struct class declares.</summary>
    private static readonly HashSet<string> StructMembers = ["Read", "Write", "UnknownTaggedFields", "EqualsDefault"];

    /// <summary>Types the generated code names in expressions, where a property of that name would hide them.</summary>
    private static readonly HashSet<string> ExpressionTypes = ["RecordSet", "ThrowHelper", "MessageSupport"];

    /// <summary>Types the generated code names; a nested type must not hide them.</summary>
    private static readonly HashSet<string> UsedTypes =
    [
        "ApiKey", "Uuid", "RecordSet", "RawTaggedField", "List", "ProtocolReader", "ProtocolWriter",
        "ThrowHelper", "MessageSupport", "IApiMessage", "IRequestMessage", "IResponseMessage", "IDataMessage",
    ];

    /// <summary>Assigns names and returns one line per rename.</summary>
    public static IReadOnlyList<string> Resolve(MessageSpec spec)
    {
        var renames = new List<string>();
        var topMembers = new HashSet<string>(MessageMembers, StringComparer.Ordinal);
        foreach (var f in spec.Fields)
        {
            f.PropertyName = PropertyName(spec.Name, f, MessageMembers, renames);
            topMembers.Add(f.PropertyName);
        }

        var typeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in spec.Structs)
        {
            var name = s.Name;
            foreach (var suffix in new[] { "Data", "Struct" })
            {
                if (!Clashes(name))
                {
                    break;
                }

                name = s.Name + suffix;
            }

            if (Clashes(name))
            {
                throw new FormatException($"{spec.Name}: no free name for struct {s.Name}");
            }

            if (name != s.Name)
            {
                renames.Add($"{spec.Name}: type {s.Name} -> {name}");
            }

            s.TypeName = name;
            typeNames.Add(name);
        }

        foreach (var s in spec.Structs)
        {
            foreach (var f in s.Fields)
            {
                f.PropertyName = PropertyName($"{spec.Name}.{s.TypeName}", f, StructMembers, renames, s.TypeName);
            }
        }

        return renames;

        bool Clashes(string name) =>
            name == spec.Name || topMembers.Contains(name) || UsedTypes.Contains(name) || typeNames.Contains(name);
    }

    private static string PropertyName(string owner, FieldSpec field, HashSet<string> reserved, List<string> renames, string? className = null)
    {
        var name = char.ToUpperInvariant(field.Name[0]) + field.Name[1..];
        var simpleClass = className ?? owner;
        if (name == simpleClass || reserved.Contains(name) || ExpressionTypes.Contains(name))
        {
            name += "Value";
        }

        if (name != field.Name)
        {
            renames.Add($"{owner}: property {field.Name} -> {name}");
        }

        return name;
    }
}
