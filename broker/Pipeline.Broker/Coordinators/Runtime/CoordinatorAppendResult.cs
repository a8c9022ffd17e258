using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>Offsets given to an appended batch, or why it was not appended.</summary>
public readonly record struct CoordinatorAppendResult(ErrorCode Error, long FirstOffset, long LastOffset)
{
    public static CoordinatorAppendResult Failed(ErrorCode error) => new(error, -1, -1);
}
