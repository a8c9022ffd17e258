using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Testing.Kafka;

namespace Pipeline.Interop.Tests.Support;

/// <summary>
/// A record in the JSON format the client scripts read and print (python/interop_records.py):
/// partition, offset, base64 key/value, headers as [name, base64] pairs, timestamp, and "kind"
/// for scripts that print both what they produced and what they consumed.
/// </summary>
public sealed record InteropRecord(int? Partition, long Offset, TestRecord Content, long? Timestamp = null, string? Kind = null)
{
    public override string ToString() => $"p{Partition}@{Offset} {Content}";

    /// <summary>Parses every stdout line that is a record (has "o"); other lines (results) are skipped.</summary>
    public static IReadOnlyList<InteropRecord> ParseLines(IEnumerable<string> lines, string? kind = null)
    {
        var records = new List<InteropRecord>();
        foreach (var line in lines)
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            var o = JsonNode.Parse(line)!.AsObject();
            if (!o.ContainsKey("o"))
            {
                continue;
            }

            var k = o["kind"]?.GetValue<string>();
            if (kind is not null && k != kind)
            {
                continue;
            }

            var headers = new List<KeyValuePair<string, byte[]?>>();
            foreach (var h in o["h"]?.AsArray() ?? [])
            {
                var pair = h!.AsArray();
                headers.Add(new(pair[0]!.GetValue<string>(), FromBase64(pair[1])));
            }

            records.Add(new InteropRecord(
                o["p"]?.GetValue<int>(),
                o["o"]!.GetValue<long>(),
                new TestRecord(FromBase64(o["k"]), FromBase64(o["v"]), headers),
                o["ts"]?.GetValue<long>(),
                k));
        }

        return records;
    }

    /// <summary>Writes the input file of a producer script: partition, key, value, headers per record.</summary>
    public static void WriteInputFile(string path, IReadOnlyList<(int Partition, TestRecord Record)> records)
    {
        var array = new JsonArray();
        foreach (var (p, r) in records)
        {
            var headers = new JsonArray();
            foreach (var (name, value) in r.Headers)
            {
                headers.Add(new JsonArray(JsonValue.Create(name), ToBase64(value)));
            }

            array.Add(new JsonObject
            {
                ["p"] = p,
                ["k"] = ToBase64(r.Key),
                ["v"] = ToBase64(r.Value),
                ["h"] = headers,
            });
        }

        File.WriteAllText(path, array.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>The non-record lines ({"result": name, ...}) of a script's output, by name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> ParseResults(IEnumerable<string> lines)
    {
        var results = new Dictionary<string, JsonObject>();
        foreach (var line in lines)
        {
            if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject o && o["result"]?.GetValue<string>() is { } name)
            {
                results[name] = o;
            }
        }

        return results;
    }

    private static byte[]? FromBase64(JsonNode? node) => node is null ? null : Convert.FromBase64String(node.GetValue<string>());

    private static JsonValue? ToBase64(byte[]? bytes) => bytes is null ? null : JsonValue.Create(Convert.ToBase64String(bytes));
}
