using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>/connectors/{c}/tasks...: task configs, status and restart.</summary>
internal static class TasksEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/connectors/{connector}/tasks", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.TaskConfigsAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false))));

        // Deprecated in Kafka (removed in 4.0); kept because older tools still read it.
        routes.MapGet("/connectors/{connector}/tasks-config", RestPipeline.Handle(state, async c =>
        {
            var tasks = await c.Herder.TaskConfigsAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false);
            var byId = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var t in tasks)
            {
                byId[t.Id.ToString()] = t.Config;
            }

            return RestAnswer.Ok(byId);
        }));
        // Internal: a follower running the connector submits the task configs it generated to the leader.
        routes.MapPost("/connectors/{connector}/tasks", RestPipeline.Handle(state, async c =>
        {
            if (c.Herder is not DistributedHerder distributed)
            {
                throw new ConnectRestException(500, "Kafka Connect in standalone mode does not support externally setting task configurations.");
            }

            var configs = RestBodies.TaskConfigs(c.Body);
            await distributed.PutTaskConfigsAsync(c.Route("connector"), configs, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.NoContent;
        }));
        routes.MapGet("/connectors/{connector}/tasks/{task}/status", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.TaskStatusAsync(c.TaskId(), c.Cancellation).ConfigureAwait(false))));
        routes.MapPost("/connectors/{connector}/tasks/{task}/restart", RestPipeline.Handle(state, async c =>
        {
            await c.Herder.RestartTaskAsync(c.TaskId(), c.Cancellation).ConfigureAwait(false);
            return RestAnswer.NoContent;
        }));
    }
}
