namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>A registered version to check against: its number (for the verbose messages) and the parsed schema.</summary>
public sealed record PreviousSchema(int Version, ParsedSchema Schema);
