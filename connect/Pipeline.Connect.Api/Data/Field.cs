namespace Pipeline.Connect.Api.Data;

/// <summary>One field of a struct schema: its name, its position among the fields and its schema.</summary>
public sealed class Field : IEquatable<Field>
{
    /// <summary>A field; normally made by <see cref="SchemaBuilder.Field(string, Schema)"/>.</summary>
    public Field(string name, int index, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        Name = name;
        Index = index;
        Schema = schema;
    }

    /// <summary>The field name, unique within its struct.</summary>
    public string Name { get; }

    /// <summary>The zero-based position of the field in the struct.</summary>
    public int Index { get; }

    /// <summary>The schema of the field's values.</summary>
    public Schema Schema { get; }

    /// <inheritdoc/>
    public bool Equals(Field? other) =>
        other is not null && Name == other.Name && Index == other.Index && Schema.Equals(other.Schema);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Field f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Index, Schema);

    /// <inheritdoc/>
    public override string ToString() => $"Field{{name={Name}, index={Index}, schema={Schema}}}";
}
