using Pipeline.Client.Group;

namespace Pipeline.SchemaRegistry.Election;

/// <summary>
/// The "sr" group protocol (Confluent's SchemaRegistryCoordinator): each member offers sub-protocol
/// "v0" with its identity; the group leader picks, among eligible members, the one with the
/// smallest URL and sends everyone the same assignment. Callbacks run inside the elector's poll.
/// </summary>
internal sealed class SchemaRegistryProtocol(SchemaRegistryIdentity identity, Action<SchemaRegistryAssignment?, string> onAssigned) : IGroupProtocol
{
    public const string Type = "sr";
    public const string SubProtocol = "v0";

    private bool _assigned;

    public string ProtocolType => Type;

    public IReadOnlyList<GroupProtocolMetadata> Metadata() => [new GroupProtocolMetadata(SubProtocol, identity.ToJsonBytes())];

    public Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken)
    {
        var bytes = Assign(context.Members).ToJsonBytes();
        IReadOnlyDictionary<string, byte[]> result = context.Members.ToDictionary(m => m.MemberId, _ => bytes, StringComparer.Ordinal);
        return Task.FromResult(result);
    }

    /// <summary>The leader's decision over the members' metadata (unreadable metadata counts as ineligible).</summary>
    internal static SchemaRegistryAssignment Assign(IReadOnlyList<GroupMemberMetadata> members)
    {
        string? leaderId = null;
        SchemaRegistryIdentity? leader = null;
        var urls = new HashSet<string>(StringComparer.Ordinal);
        var identities = 0;
        foreach (var member in members)
        {
            if (SchemaRegistryIdentity.FromJson(member.Metadata) is not { } id)
            {
                continue;
            }

            identities++;
            urls.Add(id.Url);
            if (id.LeaderEligibility && (leader is null || string.CompareOrdinal(id.Url, leader.Url) < 0))
            {
                leader = id;
                leaderId = member.MemberId;
            }
        }

        var error = urls.Count != identities ? SchemaRegistryAssignment.DuplicateUrls : SchemaRegistryAssignment.NoError;
        return new SchemaRegistryAssignment(error, leaderId, leader);
    }

    public Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken)
    {
        if (_assigned)
        {
            // Confluent's onRevoked: no primary until the new assignment arrives.
            onAssigned(null, previous.MemberId);
        }

        return Task.CompletedTask;
    }

    public Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken)
    {
        _assigned = true;
        onAssigned(SchemaRegistryAssignment.FromJson(assignment) ?? new SchemaRegistryAssignment(SchemaRegistryAssignment.NoError, null, null), generation.MemberId);
        return Task.CompletedTask;
    }

    public bool RejoinNeeded => !_assigned;
}
