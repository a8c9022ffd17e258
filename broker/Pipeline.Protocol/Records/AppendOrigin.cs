namespace Pipeline.Protocol.Records;

/// <summary>Who is appending a batch; Kafka relaxes client-only rules for the others (LogValidator).</summary>
public enum AppendOrigin
{
    /// <summary>A producer's Produce request: base offset must be 0, no control batches, sequence rules.</summary>
    Client,

    /// <summary>A coordinator of this broker (group, transaction): may write control batches.</summary>
    Coordinator,
}
