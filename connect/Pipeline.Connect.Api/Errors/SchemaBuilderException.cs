namespace Pipeline.Connect.Api.Errors;

/// <summary>A <see cref="Data.SchemaBuilder"/> used wrongly: a property set twice, a field added to a non-struct, a bad default.</summary>
public class SchemaBuilderException : DataException
{
    /// <summary>An error with a message.</summary>
    public SchemaBuilderException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and the exception that caused it.</summary>
    public SchemaBuilderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
