using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>A request as the fake broker received it: header fields and the undecoded body.</summary>
public sealed class FakeRequest
{
    public FakeRequest(ApiKey apiKey, short version, int correlationId, string? clientId, byte[] body, int connection)
    {
        ApiKey = apiKey;
        Version = version;
        CorrelationId = correlationId;
        ClientId = clientId;
        Body = body;
        Connection = connection;
    }

    public ApiKey ApiKey { get; }

    public short Version { get; }

    public int CorrelationId { get; }

    public string? ClientId { get; }

    public byte[] Body { get; }

    /// <summary>Which accepted connection (1, 2, ...) it came on.</summary>
    public int Connection { get; }

    public T Read<T>()
        where T : IDataMessage, new()
    {
        var reader = new ProtocolReader(Body);
        var message = new T();
        message.Read(ref reader, Version);
        return message;
    }
}
