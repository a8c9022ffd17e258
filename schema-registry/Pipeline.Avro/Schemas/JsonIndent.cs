namespace Pipeline.Avro.Schemas;

/// <summary>Jackson's default pretty printer: two spaces per level, <c>" : "</c> between name and value.</summary>
internal sealed class JsonIndent(int level)
{
    public int Level { get; } = level;

    public JsonIndent Deeper() => new(Level + 1);

    public string NewLine(int level) => "\n" + new string(' ', 2 * level);
}
