using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>/admin/loggers over <see cref="LoggerLevels"/> (Kafka's LoggingResource).</summary>
internal static class LoggersEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/admin/loggers", RestPipeline.Handle(state, c => Task.FromResult(RestAnswer.Ok(c.State.Loggers.All()))));
        routes.MapGet("/admin/loggers/{logger}", RestPipeline.Handle(state, c =>
        {
            var name = c.Route("logger");
            var level = c.State.Loggers.Get(name) ?? throw ConnectRestException.NotFound($"Logger {name} not found.");
            return Task.FromResult(RestAnswer.Ok(level));
        }));
        routes.MapPut("/admin/loggers/{logger}", RestPipeline.Handle(state, c =>
        {
            var name = c.Route("logger");
            var requested = RestBodies.Level(c.Body) ?? throw ConnectRestException.BadRequest("Desired 'level' parameter was not specified in request.");

            // Kafka answers an unknown level name with 404, not 400.
            var level = LoggerLevels.Normalize(requested) ?? throw ConnectRestException.NotFound($"invalid log level '{requested}'.");
            var affected = c.State.Loggers.Set(name, level);
            ConnectRestLog.LevelSet(c.State.Log, level, string.Join(", ", affected));

            // scope=cluster: one worker's process is the whole cluster as far as levels go here
            // (no cluster-wide propagation), but the answer is the cluster form's 204.
            var scope = c.Http.Request.Query["scope"].ToString();
            return Task.FromResult(string.Equals(scope, "cluster", StringComparison.OrdinalIgnoreCase) ? RestAnswer.NoContent : RestAnswer.Ok(affected));
        }));
    }
}
