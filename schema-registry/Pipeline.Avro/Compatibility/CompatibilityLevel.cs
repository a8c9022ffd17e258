namespace Pipeline.Avro.Compatibility;

/// <summary>Confluent Schema Registry compatibility levels (<see cref="CompatibilityLevels"/> parses and prints the REST names).</summary>
public enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
