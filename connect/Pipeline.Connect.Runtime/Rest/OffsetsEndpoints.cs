using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>/connectors/{c}/offsets (read, alter, reset) and /connectors/{c}/topics (active topics).</summary>
internal static class OffsetsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ConnectRestState state)
    {
        routes.MapGet("/connectors/{connector}/offsets", RestPipeline.Handle(state, async c =>
            RestAnswer.Ok(await c.Herder.ConnectorOffsetsAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false))));
        routes.MapMethods("/connectors/{connector}/offsets", ["PATCH"], RestPipeline.Handle(state, async c =>
        {
            var offsets = RestBodies.Offsets(c.Body);
            var message = await c.Herder.AlterConnectorOffsetsAsync(c.Route("connector"), offsets, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Ok(new MessageBody(message));
        }));
        routes.MapDelete("/connectors/{connector}/offsets", RestPipeline.Handle(state, async c =>
        {
            var message = await c.Herder.ResetConnectorOffsetsAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Ok(new MessageBody(message));
        }));

        routes.MapGet("/connectors/{connector}/topics", RestPipeline.Handle(state, async c =>
        {
            if (!c.State.Options.TopicTrackingEnabled)
            {
                throw new ConnectRestException(403, "Topic tracking is disabled.");
            }

            var name = c.Route("connector");
            var topics = await c.Herder.ConnectorActiveTopicsAsync(name, c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Ok(new Dictionary<string, object> { [name] = new Dictionary<string, object> { ["topics"] = topics } });
        }));
        routes.MapPut("/connectors/{connector}/topics/reset", RestPipeline.Handle(state, async c =>
        {
            if (!c.State.Options.TopicTrackingEnabled)
            {
                throw new ConnectRestException(403, "Topic tracking is disabled.");
            }

            if (!c.State.Options.TopicTrackingAllowReset)
            {
                throw new ConnectRestException(403, "Topic tracking reset is disabled.");
            }

            await c.Herder.ResetConnectorActiveTopicsAsync(c.Route("connector"), c.Cancellation).ConfigureAwait(false);
            return RestAnswer.Accepted();
        }));
    }
}
