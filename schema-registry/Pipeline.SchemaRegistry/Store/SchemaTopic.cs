using Microsoft.Extensions.Logging;
using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Protocol;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// Creates the store topic or checks an existing one, as Confluent's KafkaStore does: exactly one
/// partition, <c>cleanup.policy=compact</c>, replication min(kafkastore.topic.replication.factor,
/// live brokers). A wrong existing topic stops the registry with a message saying what to fix.
/// </summary>
internal static class SchemaTopic
{
    public static async Task EnsureAsync(SchemaRegistryOptions options, ILogger log, CancellationToken cancellationToken)
    {
        await using var admin = new AdminClient(AdminClientOptions.Default with { BootstrapServers = options.BootstrapServers, ClientId = "schema-registry-admin" });
        var call = new AdminCallOptions { Timeout = options.InitTimeout };
        var cluster = await admin.DescribeClusterAsync(call, cancellationToken).ConfigureAwait(false);
        var replication = (short)Math.Max(1, Math.Min(options.TopicReplicationFactor, cluster.Nodes.Count));
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = options.Topic, NumPartitions = 1, ReplicationFactor = replication, Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" } }],
                call,
                cancellationToken).ConfigureAwait(false);
            SchemaRegistryLog.TopicCreated(log, options.Topic, replication);
            return;
        }
        catch (AdminOperationException<CreateTopicReport> e) when (e.Code == ErrorCode.TopicAlreadyExists)
        {
        }

        var description = (await admin.DescribeTopicsAsync([options.Topic], call, cancellationToken).ConfigureAwait(false))[0];
        if (description.Partitions.Count != 1)
        {
            throw new InvalidOperationException($"The schema topic {options.Topic} should have only 1 partition but has {description.Partitions.Count}");
        }

        var configs = (await admin.DescribeConfigsAsync([ConfigResource.Topic(options.Topic)], call, cancellationToken).ConfigureAwait(false))[0];
        var policy = configs["cleanup.policy"]?.Value;
        if (policy != "compact")
        {
            throw new InvalidOperationException($"The retention policy of the schema topic {options.Topic} is incorrect. Expected cleanup.policy to be 'compact' but it is {policy}");
        }
    }
}
