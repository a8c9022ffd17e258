namespace Pipeline.Connect.Runtime.Herder;

/// <summary>
/// Thrown by a distributed herder that is not the group leader for a write; the REST layer forwards
/// the request to <see cref="LeaderUrl"/> (Kafka Connect's behaviour) or answers 409 when unknown.
/// </summary>
public sealed class NotLeaderException(string message, string? leaderUrl) : ConnectRestException(409, message)
{
    /// <summary>The leader's REST URL (e.g. http://127.0.0.1:8083), or null while none is known.</summary>
    public string? LeaderUrl { get; } = leaderUrl;
}
