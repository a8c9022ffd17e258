namespace Pipeline.SchemaRegistry.Rest;

/// <summary>A generic HTTP error (rest-utils' mapping): the error_code equals the status.</summary>
public static class RestErrors
{
    public static Registry.RegistryException BadRequest(string message) => new(400, 400, message);

    public static Registry.RegistryException NotFound() => new(404, 404, "HTTP 404 Not Found");

    public static Registry.RegistryException NotAcceptable() => new(406, 406, "HTTP 406 Not Acceptable");

    public static Registry.RegistryException PayloadTooLarge(long limit) => new(413, 413, $"Request body too large: the limit is {limit} bytes (request.body.max.bytes)");

    public static Registry.RegistryException UnsupportedMediaType() => new(415, 415, "HTTP 415 Unsupported Media Type");

    public static Registry.RegistryException Unprocessable(string message) => new(422, 422, message);
}
