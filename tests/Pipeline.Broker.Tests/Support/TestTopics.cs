namespace Pipeline.Broker.Tests.Support;

/// <summary>Topic names that no other test uses, so tests can share one broker.</summary>
public static class TestTopics
{
    public static string Unique(string hint) => $"{hint}-{Guid.NewGuid().ToString("N")[..12]}";
}
