namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>How a follower running a connector hands its new task configs to the leader (Kafka: POST /connectors/{c}/tasks on the leader's REST API).</summary>
public interface ITaskConfigForwarder
{
    Task ForwardAsync(string leaderUrl, string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> taskConfigs, CancellationToken cancellationToken);
}
