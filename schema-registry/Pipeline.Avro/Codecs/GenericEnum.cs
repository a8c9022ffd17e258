using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>An enum value: a symbol of <see cref="Schema"/>.</summary>
public sealed class GenericEnum : IEquatable<GenericEnum>
{
    public GenericEnum(EnumSchema schema, string symbol)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Ordinal = schema.GetOrdinal(symbol);
        if (Ordinal < 0)
        {
            throw new AvroTypeException($"\"{symbol}\" is not a symbol of enum {schema.FullName} [{string.Join(", ", schema.Symbols)}]");
        }

        Symbol = symbol;
    }

    public EnumSchema Schema { get; }

    public string Symbol { get; }

    public int Ordinal { get; }

    public bool Equals(GenericEnum? other) => other is not null && other.Symbol == Symbol && other.Schema.FullName == Schema.FullName;

    public override bool Equals(object? obj) => Equals(obj as GenericEnum);

    public override int GetHashCode() => Symbol.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Symbol;
}
