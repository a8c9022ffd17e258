using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Resolution;

/// <summary>
/// A writer/reader pair that does not resolve. As in Java, the error is raised only when data
/// actually reaches this point (a union branch never written does no harm).
/// </summary>
internal sealed class ErrorResolver(string message) : Resolver
{
    public string Message { get; } = message;

    public override object? Read(ref AvroBinaryReader reader) => throw new AvroTypeException(Message);
}
