namespace Pipeline.Avro.Compatibility;

/// <summary>An incompatibility found by a level check, with the previous version and direction it came from.</summary>
/// <param name="PreviousIndex">Index into the previous-schemas list given to the check (oldest first).</param>
public sealed record CompatibilityViolation(SchemaIncompatibility Incompatibility, int PreviousIndex, CompatibilityDirection Direction);
