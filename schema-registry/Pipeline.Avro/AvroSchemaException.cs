namespace Pipeline.Avro;

/// <summary>
/// A schema that cannot be parsed or built. <see cref="Exception.Message"/> reads
/// <c>at fields[2].type: unknown type "strng"</c>: where (<see cref="Path"/>, empty at the root)
/// and what (<see cref="Reason"/>).
/// </summary>
public sealed class AvroSchemaException : AvroException
{
    public AvroSchemaException(string reason, string path = "")
        : base(Format(reason, path))
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Where in the schema JSON, e.g. <c>fields[2].type</c>; empty for the whole schema.</summary>
    public string Path { get; }

    private static string Format(string reason, string path) => path.Length == 0 ? reason : $"at {path}: {reason}";
}
