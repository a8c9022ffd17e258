namespace Pipeline.Avro.Schemas;

/// <summary>Record, enum or fixed: a type with a full name, optional doc and aliases.</summary>
public abstract class NamedSchema : Schema
{
    private protected NamedSchema(SchemaType type, SchemaName name, string? doc, IEnumerable<string>? aliases, SchemaProperties? properties)
        : base(type, properties)
    {
        ArgumentNullException.ThrowIfNull(name);
        NameRules.ValidateFullName(name);
        Name = name;
        Doc = doc;
        var list = new List<SchemaName>();
        foreach (var alias in aliases ?? [])
        {
            // An alias without a dot is relative to this type's namespace (spec §Aliases).
            var full = new SchemaName(alias, name.Namespace);
            if (!list.Contains(full))
            {
                list.Add(full);
            }
        }

        Aliases = list;
    }

    public SchemaName Name { get; }

    public override string FullName => Name.FullName;

    public string? Namespace => Name.Namespace;

    public string? Doc { get; }

    /// <summary>Alias names, each qualified with this type's namespace when it had no dot.</summary>
    public IReadOnlyList<SchemaName> Aliases { get; }

    /// <summary>Java's SchemaCompatibility rule: simple names equal, or the writer's full name is one of our aliases.</summary>
    public bool MatchesWriterName(NamedSchema writer)
    {
        if (Name.Name == writer.Name.Name)
        {
            return true;
        }

        foreach (var alias in Aliases)
        {
            if (alias.FullName == writer.FullName)
            {
                return true;
            }
        }

        return false;
    }
}
