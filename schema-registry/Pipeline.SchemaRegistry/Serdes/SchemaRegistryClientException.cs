namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>An error answer from a registry: the HTTP status and the registry's error_code (50005 when the body was not an error JSON, as Java's client reports).</summary>
public sealed class SchemaRegistryClientException(int status, int errorCode, string message) : Exception($"{message}; error code: {errorCode}")
{
    public int Status { get; } = status;

    public int ErrorCode { get; } = errorCode;

    public string RegistryMessage { get; } = message;
}
