namespace Pipeline.Avro.Schemas;

/// <summary>An enum: ordered symbols and an optional default symbol used when a writer's symbol is unknown.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _ordinals;

    public EnumSchema(SchemaName name, IEnumerable<string> symbols, string? defaultSymbol = null, string? doc = null, IEnumerable<string>? aliases = null, SchemaProperties? properties = null)
        : base(SchemaType.Enum, name, doc, aliases, properties)
    {
        var list = symbols.ToArray();
        _ordinals = new Dictionary<string, int>(list.Length, StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            if (NameRules.Check(list[i]) is { } problem)
            {
                throw new AvroSchemaException(problem, $"symbols[{i}]");
            }

            if (!_ordinals.TryAdd(list[i], i))
            {
                throw new AvroSchemaException($"duplicate enum symbol \"{list[i]}\"", $"symbols[{i}]");
            }
        }

        if (defaultSymbol is not null && !_ordinals.ContainsKey(defaultSymbol))
        {
            throw new AvroSchemaException($"the enum default \"{defaultSymbol}\" is not one of the symbols [{string.Join(", ", list)}]", "default");
        }

        Symbols = list;
        Default = defaultSymbol;
        InitializeLogicalType();
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The enum-level default symbol (not a field default), or null.</summary>
    public string? Default { get; }

    /// <summary>The symbol's index, or -1.</summary>
    public int GetOrdinal(string symbol) => _ordinals.GetValueOrDefault(symbol, -1);

    public bool HasSymbol(string symbol) => _ordinals.ContainsKey(symbol);
}
