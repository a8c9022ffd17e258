namespace Pipeline.SchemaRegistry.Registry;

/// <summary>
/// A request the registry refuses, with the HTTP status and the <c>error_code</c> of Confluent's
/// answer (see <see cref="RegistryErrors"/>). The REST layer turns it into
/// <c>{"error_code":...,"message":...}</c>.
/// </summary>
public sealed class RegistryException(int status, int errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public int ErrorCode { get; } = errorCode;
}
