using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary><c>GET /</c> (server info) and <c>GET /health</c>.</summary>
internal static class RootEndpoints
{
    /// <summary>The Kafka Connect version whose REST API this one implements; tools pick features by it.</summary>
    public const string CompatibleVersion = "3.9.0";

    public static string Commit { get; } = ReadCommit();

    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/", RestPipeline.Handle(state, c => Task.FromResult(RestAnswer.Ok(new ServerInfo(CompatibleVersion, Commit, c.Herder.KafkaClusterId)))));

        // Not through the herder pipeline: it must answer while the worker is still starting.
        routes.MapGet("/health", context => state.Herder is null
            ? RestJson.WriteAsync(context, new RestAnswer(503, new HealthInfo("starting", "Worker is still starting up.")))
            : RestJson.WriteAsync(context, RestAnswer.Ok(new HealthInfo("healthy", "Worker has completed startup and is ready to handle requests."))));
    }

    private static string ReadCommit()
    {
        var version = typeof(RootEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = version?.IndexOf('+') ?? -1;
        return plus >= 0 ? version![(plus + 1)..] : "unknown";
    }
}
