using Pipeline.Protocol;

namespace Pipeline.Broker.Controller;

/// <summary>An error code with the message Kafka would put beside it.</summary>
public readonly record struct ApiError(ErrorCode Code, string? Message = null)
{
    public static readonly ApiError None = new(ErrorCode.None);

    public bool IsError => Code != ErrorCode.None;

    public short Wire => (short)Code;
}
