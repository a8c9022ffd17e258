using System.Net;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Network;

/// <summary>What a handler knows about the request besides its body.</summary>
public sealed class RequestContext
{
    public RequestContext(ApiKey apiKey, short apiVersion, int correlationId, string? clientId, ConnectionInfo connection)
    {
        ApiKey = apiKey;
        ApiVersion = apiVersion;
        CorrelationId = correlationId;
        ClientId = clientId;
        Connection = connection;
    }

    public ApiKey ApiKey { get; }

    public short ApiVersion { get; }

    public int CorrelationId { get; }

    public string? ClientId { get; }

    public ConnectionInfo Connection { get; }

    /// <summary>Set by a handler that wants the connection closed after this request (acks=0 failures).</summary>
    public bool CloseConnection { get; set; }
}

/// <summary>Facts about one client connection, shared by all its requests.</summary>
public sealed class ConnectionInfo
{
    public ConnectionInfo(long id, string listenerName, EndPoint? remote, EndPoint? local)
    {
        Id = id;
        ListenerName = listenerName;
        Remote = remote;
        Local = local;
    }

    public long Id { get; }

    public string ListenerName { get; }

    public EndPoint? Remote { get; }

    public EndPoint? Local { get; }

    /// <summary>From ApiVersions v3+.</summary>
    public string? ClientSoftwareName { get; set; }

    public string? ClientSoftwareVersion { get; set; }

    public override string ToString() => $"#{Id} {Remote} via {ListenerName}";
}
