namespace Pipeline.Connect.Runtime.Rest;

/// <summary>What an endpoint answers: a status, an optional JSON body and an optional Location header.</summary>
internal readonly record struct RestAnswer(int Status, object? Body, string? Location = null)
{
    public static RestAnswer Ok(object body) => new(200, body);

    public static RestAnswer Created(object body, string location) => new(201, body, location);

    public static RestAnswer Accepted(object? body = null) => new(202, body);

    public static RestAnswer NoContent => new(204, null);
}
