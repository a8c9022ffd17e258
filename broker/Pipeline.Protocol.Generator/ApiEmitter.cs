using System.Globalization;

namespace Pipeline.Protocol.Generator;

/// <summary>Emits ApiKey.g.cs and ApiMessages.g.cs from the request and response specs.</summary>
public static class ApiEmitter
{
    public static string EmitApiKey(IReadOnlyList<MessageSpec> specs)
    {
        var w = new CodeWriter();
        MessageGenerator.WriteFileHeader(w, "the *Request.json specs");
        w.Line("namespace Pipeline.Protocol.Messages;");
        w.Line();
        w.Line("/// <summary>Kafka API keys, sent as the int16 at the start of every request header.</summary>");
        w.Open("public enum ApiKey : short");
        foreach (var r in Requests(specs))
        {
            w.Line($"{r.ApiName} = {r.ApiKey},");
        }

        w.Close();
        return w.ToString();
    }

    public static string EmitApiMessages(IReadOnlyList<MessageSpec> specs)
    {
        var requests = Requests(specs);
        var responses = specs.Where(s => s.Type == "response").ToDictionary(s => s.ApiKey!.Value);
        foreach (var r in requests)
        {
            if (!responses.TryGetValue(r.ApiKey!.Value, out var response))
            {
                throw new FormatException($"{r.Name} has no response spec");
            }

            if (response.ValidVersions != r.ValidVersions || response.FlexibleVersions != r.FlexibleVersions)
            {
                throw new FormatException($"{r.Name} and {response.Name} disagree on valid or flexible versions");
            }
        }

        var w = new CodeWriter();
        MessageGenerator.WriteFileHeader(w, "the *Request.json and *Response.json specs");
        w.Line("namespace Pipeline.Protocol.Messages;");
        w.Line();
        w.Line("/// <summary>Per-API facts and factories, one switch arm per API; no reflection.</summary>");
        w.Open("public static class ApiMessages");
        var maxKey = requests.Count == 0 ? -1 : requests.Max(r => r.ApiKey!.Value);
        var byKey = requests.ToDictionary(r => r.ApiKey!.Value);
        w.Line("// Indexed by API key; null where a key is unused.");
        w.Line("private static readonly ApiInfo?[] Infos =");
        w.Line("[");
        for (short key = 0; key <= maxKey; key++)
        {
            w.Line($"    {(byKey.TryGetValue(key, out var r) ? InfoLiteral(r) : "null")},");
        }

        w.Line("];");
        w.Line();
        w.Line("private static readonly ApiInfo[] Known = MessageSupport.NonNullEntries(Infos);");
        w.Line();
        w.Line("/// <summary>Every API, ordered by key.</summary>");
        w.Line("public static IReadOnlyList<ApiInfo> All => Known;");
        w.Line();
        w.Line("public static bool IsKnown(short apiKey) => (uint)apiKey < (uint)Infos.Length && Infos[apiKey] is not null;");
        w.Line();
        w.Open("public static ApiInfo Info(ApiKey key)");
        w.Line("var k = (short)key;");
        w.Line("return (uint)k < (uint)Infos.Length && Infos[k] is { } info ? info : MessageSupport.ThrowUnknownApiKey<ApiInfo>(key);");
        w.Close();
        w.Line();
        EmitFactory(w, requests, "IRequestMessage", "CreateRequest", "Request");
        w.Line();
        EmitFactory(w, requests, "IResponseMessage", "CreateResponse", "Response");
        w.Line();
        w.Line("/// <summary>Request header v2 for flexible versions, else v1; ControlledShutdown v0 uses v0.</summary>");
        w.Open("public static short RequestHeaderVersion(ApiKey key, short apiVersion)");
        if (byKey.Values.Any(r => r.ApiName == "ControlledShutdown"))
        {
            w.Open("if (key == ApiKey.ControlledShutdown && apiVersion == 0)");
            w.Line("return 0;");
            w.Close();
            w.Line();
        }

        w.Line("return apiVersion >= Info(key).LowestFlexibleVersion ? (short)2 : (short)1;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Response header v1 for flexible versions, else v0; ApiVersions responses always use v0.</summary>");
        w.Open("public static short ResponseHeaderVersion(ApiKey key, short apiVersion)");
        if (byKey.Values.Any(r => r.ApiName == "ApiVersions"))
        {
            w.Open("if (key == ApiKey.ApiVersions)");
            w.Line("return 0;");
            w.Close();
            w.Line();
        }

        w.Line("return apiVersion >= Info(key).LowestFlexibleVersion ? (short)1 : (short)0;");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitFactory(CodeWriter w, List<MessageSpec> requests, string type, string method, string suffix)
    {
        w.Open($"public static {type} {method}(ApiKey key)");
        w.Open("switch (key)");
        foreach (var r in requests)
        {
            w.Line($"case ApiKey.{r.ApiName}:");
            w.Line($"    return new {r.ApiName}{suffix}();");
        }

        w.Line("default:");
        w.Line($"    return MessageSupport.ThrowUnknownApiKey<{type}>(key);");
        w.Close();
        w.Close();
    }

    private static List<MessageSpec> Requests(IReadOnlyList<MessageSpec> specs)
    {
        var requests = specs.Where(s => s.Type == "request").OrderBy(s => s.ApiKey).ToList();
        foreach (var r in requests)
        {
            if (r.ApiKey is null or < 0)
            {
                throw new FormatException($"{r.Name} has no valid apiKey");
            }
        }

        return requests;
    }

    private static string InfoLiteral(MessageSpec r)
    {
        string S(short v) => v.ToString(CultureInfo.InvariantCulture);
        var deprecated = r.DeprecatedVersions is { IsEmpty: false } d ? $"new VersionRange({S(d.Lowest)}, {S(d.Highest)})" : "null";
        var flexible = r.FlexibleVersions.IsEmpty ? "short.MaxValue" : S(r.FlexibleVersions.Lowest);
        var listeners = new List<string>();
        foreach (var (json, flag) in new[] { ("zkBroker", "ZkBroker"), ("broker", "Broker"), ("controller", "Controller") })
        {
            if (r.Listeners.Contains(json))
            {
                listeners.Add("ApiListeners." + flag);
            }
        }

        var unknown = r.Listeners.Except(["zkBroker", "broker", "controller"]).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"{r.Name}: unknown listener {unknown[0]}");
        }

        var flags = listeners.Count == 0 ? "ApiListeners.None" : string.Join(" | ", listeners);
        var unstable = r.LatestVersionUnstable ? "true" : "false";
        return $"new ApiInfo(ApiKey.{r.ApiName}, \"{r.ApiName}\", {S(r.ValidVersions.Lowest)}, {S(r.ValidVersions.Highest)}, {flexible}, {deprecated}, {unstable}, {flags})";
    }
}
