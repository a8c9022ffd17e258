using Pipeline.Protocol;

namespace Pipeline.Client;

/// <summary>An error code with the broker's message; <see cref="None"/> means success.</summary>
public readonly record struct KafkaError(ErrorCode Code, string? Message = null)
{
    public static KafkaError None => default;

    public bool IsError => Code != ErrorCode.None;

    public bool IsRetriable => ErrorCodes.IsRetriable(Code);

    public static KafkaError From(short code, string? message = null) => new((ErrorCode)code, string.IsNullOrEmpty(message) ? null : message);

    public override string ToString() =>
        Message is null ? ErrorCodes.Name(Code) : $"{ErrorCodes.Name(Code)}: {Message}";
}
