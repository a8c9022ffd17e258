using System.Net;
using Pipeline.Broker.Coordinators.Group;
using Pipeline.Broker.Network;

namespace Pipeline.Broker.Handlers;

/// <summary>Turns a request's context into what the group coordinator keeps of it.</summary>
internal static class GroupRequestContexts
{
    public static GroupRequestContext From(RequestContext context) =>
        new(context.ClientId ?? string.Empty, ClientHost(context.Connection.Remote), context.ApiVersion);

    /// <summary>Kafka shows a member's host as Java prints an InetAddress: <c>/127.0.0.1</c>.</summary>
    private static string ClientHost(EndPoint? remote) => remote switch
    {
        IPEndPoint ip => "/" + (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address),
        null => string.Empty,
        _ => "/" + remote,
    };
}
