using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>Makes sure the bench topic exists (created with the asked partitions) and returns how many partitions it has.</summary>
internal static class BenchTopic
{
    public static async Task<int> EnsureAsync(IAdminClient admin, string topic, int partitions, ToolConsole console, CancellationToken ct)
    {
        try
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions }], cancellationToken: ct).ConfigureAwait(false);
            return partitions;
        }
        catch (AdminOperationException<CreateTopicReport> e) when (e.Results[0].Error.Code == ErrorCode.TopicAlreadyExists)
        {
            var existing = (await admin.DescribeTopicsAsync([topic], cancellationToken: ct).ConfigureAwait(false))[0].Partitions.Count;
            if (existing != partitions)
            {
                await console.Error.WriteLineAsync($"pipeline bench: topic {topic} exists with {existing} partitions (not {partitions}); using it as it is").ConfigureAwait(false);
            }

            return existing;
        }
    }

    public static async Task<int> PartitionCountAsync(IAdminClient admin, string topic, CancellationToken ct)
    {
        try
        {
            return (await admin.DescribeTopicsAsync([topic], cancellationToken: ct).ConfigureAwait(false))[0].Partitions.Count;
        }
        catch (AdminOperationException<TopicDescription> e)
        {
            throw new ToolException($"cannot read topic {topic}: {ToolRunner.Describe(e.Results[0].Error)} (run `pipeline bench produce --topic {topic}` first)");
        }
    }
}
