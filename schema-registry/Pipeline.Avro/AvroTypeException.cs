namespace Pipeline.Avro;

/// <summary>A datum that does not match its schema, or bytes that cannot be decoded with it.</summary>
public sealed class AvroTypeException : AvroException
{
    public AvroTypeException(string message)
        : base(message)
    {
    }

    public AvroTypeException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
