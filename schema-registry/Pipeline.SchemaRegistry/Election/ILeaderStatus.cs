namespace Pipeline.SchemaRegistry.Election;

/// <summary>Who the primary is, as this instance last learnt from the election.</summary>
public interface ILeaderStatus
{
    /// <summary>True while this instance is the primary: it performs writes itself.</summary>
    bool IsLeader { get; }

    /// <summary>The primary's identity, or null when no eligible instance is in the group (writes answer 50004).</summary>
    SchemaRegistryIdentity? Leader { get; }
}
