using System.Globalization;
using Microsoft.AspNetCore.Http;
using Pipeline.SchemaRegistry.Registry;

namespace Pipeline.SchemaRegistry.Rest;

/// <summary>Path and query parameters parsed the way Jersey parses them for the registry.</summary>
public static class RouteValues
{
    /// <summary>
    /// The subject path segment. Kestrel decodes the path except <c>%2F</c>, which stays encoded
    /// so that it cannot split segments; a subject may contain '/', so it is decoded here.
    /// </summary>
    public static string Subject(HttpContext context)
    {
        var raw = context.Request.RouteValues["subject"] as string ?? "";
        return raw.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A version: 1..2^31-1, "latest" (any case, blanks trimmed) or -1, both meaning the latest (-1); else 42202.</summary>
    public static int Version(HttpContext context)
    {
        var text = context.Request.RouteValues["version"] as string ?? "";
        if (string.Equals(text.Trim(), "latest", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && (v >= 1 || v == -1))
        {
            return v;
        }

        throw RegistryErrors.InvalidVersion(text);
    }

    /// <summary>An integer path parameter (the schema id); anything else is Jersey's 404.</summary>
    public static int Id(HttpContext context) =>
        int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : throw RestErrors.NotFound();

    /// <summary>A boolean query parameter: "true" in any case is true, anything else false.</summary>
    public static bool Flag(HttpContext context, string name) =>
        string.Equals(context.Request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An integer query parameter; a malformed one is Jersey's 404.</summary>
    public static int IntQuery(HttpContext context, string name, int fallback)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw RestErrors.NotFound();
    }

    public static string? Query(HttpContext context, string name) => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>offset/limit paging: a limit of 0 or less means no limit.</summary>
    public static IEnumerable<T> Page<T>(HttpContext context, IEnumerable<T> items)
    {
        var offset = Math.Max(0, IntQuery(context, "offset", 0));
        var limit = IntQuery(context, "limit", -1);
        var page = items.Skip(offset);
        return limit > 0 ? page.Take(limit) : page;
    }
}
