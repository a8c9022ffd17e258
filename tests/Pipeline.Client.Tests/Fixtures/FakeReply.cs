using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>What the fake broker does with a request: answer (a message, or raw body bytes), after a delay, with a chosen correlation id; or close the connection.</summary>
public sealed record FakeReply
{
    public IResponseMessage? Message { get; init; }

    public byte[]? RawBody { get; init; }

    public TimeSpan Delay { get; init; }

    public int? CorrelationIdOverride { get; init; }

    public bool CloseConnection { get; init; }

    public static FakeReply Of(IResponseMessage message) => new() { Message = message };

    public static FakeReply Close => new() { CloseConnection = true };
}
