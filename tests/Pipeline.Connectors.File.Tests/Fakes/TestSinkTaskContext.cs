using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Tests.Fakes;

internal sealed class TestSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; set; } = [];

    public IErrantRecordReporter? ErrantRecordReporter => null;

    public int CommitRequests { get; private set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
    }

    public void Offset(TopicPartition partition, long offset)
    {
    }

    public void Timeout(long timeoutMs)
    {
    }

    public void Pause(params TopicPartition[] partitions)
    {
    }

    public void Resume(params TopicPartition[] partitions)
    {
    }

    public void RequestCommit() => CommitRequests++;
}
