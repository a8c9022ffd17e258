namespace Pipeline.Client.Group;

/// <summary>
/// Who this member is in which generation of the group: the generation id and member id from
/// JoinGroup, and the protocol the group chose. <see cref="None"/> (generation -1) means "not a
/// member": whatever was owned under the previous generation is lost, not revoked.
/// </summary>
public readonly record struct GroupGeneration(int GenerationId, string MemberId, string? ProtocolName)
{
    public static GroupGeneration None => new(-1, "", null);

    public bool IsValid => GenerationId >= 0;
}
