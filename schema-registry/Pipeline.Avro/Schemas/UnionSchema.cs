namespace Pipeline.Avro.Schemas;

/// <summary>
/// A union. Branches may not be unions, and no two may share a <see cref="Schema.FullName"/>
/// (two ints, two arrays, or two named types with one full name): a logical type does not make a
/// new type. The empty union parses (Java) though no value can be written with it.
/// </summary>
public sealed class UnionSchema : Schema
{
    private readonly Dictionary<string, int> _indexByName;

    public UnionSchema(IEnumerable<Schema> branches)
        : base(SchemaType.Union, null)
    {
        var list = branches.ToArray();
        _indexByName = new Dictionary<string, int>(list.Length, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Type == SchemaType.Union)
            {
                throw new AvroSchemaException("unions may not immediately contain other unions", $"[{i}]");
            }

            if (!_indexByName.TryAdd(list[i].FullName, i))
            {
                throw new AvroSchemaException($"duplicate in union: {list[i].FullName}", $"[{i}]");
            }
        }

        Branches = list;
    }

    public IReadOnlyList<Schema> Branches { get; }

    /// <summary>The branch whose <see cref="Schema.FullName"/> is <paramref name="name"/> (<c>int</c>, <c>array</c>, <c>a.b.Rec</c>), or -1.</summary>
    public int IndexOf(string name) => _indexByName.GetValueOrDefault(name, -1);
}
