using System.Collections.Concurrent;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>Per test (the connectors' <c>test.id</c>): switches the test plugins read and what the sink received.</summary>
public sealed class TestControl
{
    private static readonly ConcurrentDictionary<string, TestControl> All = new(StringComparer.Ordinal);

    public static TestControl For(string testId) => All.GetOrAdd(testId, _ => new TestControl());

    public static TestControl Create(out string testId)
    {
        testId = Guid.NewGuid().ToString("N");
        return For(testId);
    }

    /// <summary>The source task's poll throws while set.</summary>
    public volatile bool FailPoll;

    /// <summary>The sink task's put throws while set.</summary>
    public volatile bool FailPut;

    /// <summary>The sink task's put throws a RetriableException this many more times.</summary>
    public int RetriablePuts;

    /// <summary>The sink task reports a record with this value to the errant record reporter instead of keeping it.</summary>
    public volatile string? ErrantValue;

    public int Polls;

    public int Puts;

    public ConcurrentQueue<SinkRecord> Received { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();
}
