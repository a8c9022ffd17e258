namespace Pipeline.Avro;

/// <summary>Base of every error this library throws on purpose.</summary>
public class AvroException : Exception
{
    public AvroException(string message)
        : base(message)
    {
    }

    public AvroException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
