namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>A schema that cannot be parsed, validated or resolved (the registry answers 422/42201).</summary>
public sealed class InvalidSchemaException : Exception
{
    public InvalidSchemaException(string message)
        : base(message)
    {
    }

    public InvalidSchemaException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
