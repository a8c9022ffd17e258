using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// What <see cref="ConnectGroupProtocol"/> tells the herder (Kafka's WorkerRebalanceListener). Both
/// calls run inside the herder's own <c>GroupMember.PollAsync</c>, i.e. on the herder loop.
/// </summary>
internal interface IWorkerRebalanceListener
{
    /// <summary>A rebalance completed: <paramref name="assignment"/> is everything this worker holds now (revoked already removed), with the revocations and delay of this round.</summary>
    Task OnAssignedAsync(ConnectAssignment assignment, int generation, CancellationToken cancellationToken);

    /// <summary>Stop these before the rebalance goes on (eager protocol, or the membership was lost).</summary>
    Task OnRevokedAsync(IReadOnlyCollection<string> connectors, IReadOnlyCollection<ConnectorTaskId> tasks, CancellationToken cancellationToken);
}
