using Microsoft.AspNetCore.Http;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// One request as an endpoint sees it: the herder, the body already read (it is kept for forwarding
/// to the leader) and a token that fires when the client leaves or the request times out.
/// </summary>
internal sealed class RestCall(HttpContext http, IHerder herder, ConnectRestState state, byte[] body, CancellationToken cancellation)
{
    public HttpContext Http { get; } = http;

    public IHerder Herder { get; } = herder;

    public ConnectRestState State { get; } = state;

    public byte[] Body { get; } = body;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>A route value (already unescaped by routing).</summary>
    public string Route(string name) => Http.Request.RouteValues[name] as string ?? "";

    /// <summary>A task id from the route; 404 (like Kafka's failed int conversion) when not a number.</summary>
    public ConnectorTaskId TaskId()
    {
        var text = Route("task");
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var task))
        {
            throw ConnectRestException.NotFound("HTTP 404 Not Found");
        }

        return new ConnectorTaskId(Route("connector"), task);
    }

    /// <summary>A boolean query parameter (true/false, case-insensitive); 400 for anything else.</summary>
    public bool QueryBool(string name, bool defaultValue)
    {
        var value = Http.Request.Query[name];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return defaultValue;
        }

        return bool.TryParse(value[0], out var b) ? b : throw ConnectRestException.BadRequest($"Query parameter {name} must be true or false, not '{value[0]}'");
    }
}
