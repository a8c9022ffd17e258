namespace Pipeline.Protocol.Records;

/// <summary>
/// The <c>type</c> int16 of a control record's key (<c>version int16, type int16</c>; reference
/// section 5.5). Types 2-6 only appear in the KRaft metadata log.
/// </summary>
public enum ControlRecordType : short
{
    /// <summary>The key is too short or otherwise not a control key.</summary>
    Unknown = -1,
    Abort = 0,
    Commit = 1,
    LeaderChange = 2,
    SnapshotHeader = 3,
    SnapshotFooter = 4,
    KRaftVersion = 5,
    KRaftVoters = 6,
}
