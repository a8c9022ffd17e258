using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>
/// The registry's media types and Jersey's negotiation over them: responses are offered as
/// <c>application/vnd.schemaregistry.v1+json</c> (qs 1), <c>application/vnd.schemaregistry+json</c>
/// (qs 0.9) and <c>application/json</c> (qs 0.5), and the best product of the client's q and our
/// qs wins; request bodies may be any of them or <c>application/octet-stream</c> (what a bare
/// <c>curl -d</c> sends), and no content type at all counts as octet-stream.
/// </summary>
public static class MediaTypes
{
    public const string V1Json = "application/vnd.schemaregistry.v1+json";
    public const string DefaultJson = "application/vnd.schemaregistry+json";
    public const string Json = "application/json";
    public const string OctetStream = "application/octet-stream";

    private static readonly (string Type, double Qs)[] Offered = [(V1Json, 1.0), (DefaultJson, 0.9), (Json, 0.5)];

    /// <summary>The response type for this request, or null when the Accept header allows none of ours (406).</summary>
    public static string? Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return V1Json;
        }

        string? best = null;
        var bestScore = 0.0;
        foreach (var (type, qs) in Offered)
        {
            var q = 0.0;
            foreach (var range in ranges)
            {
                if (Matches(range, type))
                {
                    q = Math.Max(q, range.Quality ?? 1.0);
                }
            }

            if (q * qs > bestScore)
            {
                bestScore = q * qs;
                best = type;
            }
        }

        return best;
    }

    /// <summary>True when a request body with this Content-Type is read as JSON.</summary>
    public static bool IsAcceptedBody(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        var media = parsed.MediaType.Value;
        return string.Equals(media, V1Json, StringComparison.OrdinalIgnoreCase)
            || string.Equals(media, DefaultJson, StringComparison.OrdinalIgnoreCase)
            || string.Equals(media, Json, StringComparison.OrdinalIgnoreCase)
            || string.Equals(media, OctetStream, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Matches(MediaTypeHeaderValue range, string type)
    {
        var media = range.MediaType.Value ?? "";
        if (media == "*/*")
        {
            return true;
        }

        if (media.EndsWith("/*", StringComparison.Ordinal))
        {
            return type.StartsWith(media[..^1], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(media, type, StringComparison.OrdinalIgnoreCase);
    }
}
