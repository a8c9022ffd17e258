using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// The JSON Kafka Connect stores source offsets as (JsonConverter, schemas disabled, compact):
/// key <c>["connector",{source partition}]</c>, value the offset map. Integral numbers read back
/// as long and others as double, as Kafka's schemaless JsonConverter does.
/// </summary>
public static class OffsetJson
{
    // Jackson escapes only what JSON requires; the default encoder would also escape '+', '<', non-ASCII, ... and change the key bytes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The key of <paramref name="partition"/> of <paramref name="connector"/>.</summary>
    public static string Key(string connector, IReadOnlyDictionary<string, object?> partition)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(connector);

            // Keys sorted so that the same partition gives the same stored key whatever order the
            // connector built its map in (Kafka compares the maps; we compare the key text).
            writer.WriteStartObject();
            foreach (var name in partition.Keys.Order(StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                WriteValue(writer, partition[name]);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The JSON of a map (or null for a null map).</summary>
    public static string? Map(IReadOnlyDictionary<string, object?>? map)
    {
        if (map is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, map);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Splits a stored key into its connector and partition; false when it is not of the form above.</summary>
    public static bool TryParseKey(string key, out string connector, out IReadOnlyDictionary<string, object?> partition)
    {
        connector = string.Empty;
        partition = new Dictionary<string, object?>();
        try
        {
            using var doc = JsonDocument.Parse(key);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String || root[1].ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            connector = root[0].GetString()!;
            partition = ToMap(root[1]);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON object text as a map (null for JSON null).</summary>
    public static IReadOnlyDictionary<string, object?>? ParseMap(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Null ? null : ToMap(doc.RootElement);
    }

    /// <summary>A JSON object as a map of Connect values.</summary>
    public static Dictionary<string, object?> ToMap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, got {element.ValueKind}");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            map[p.Name] = ToValue(p.Value);
        }

        return map;
    }

    /// <summary>A JSON value as a Connect value (long/double, string, bool, null, list, map).</summary>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        _ => ToMap(element),
    };

    /// <summary>A map as a JsonElement (for REST entities).</summary>
    public static JsonElement ToElement(IReadOnlyDictionary<string, object?> map)
    {
        using var doc = JsonDocument.Parse(Map(map)!);
        return doc.RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case sbyte or short or int or long or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case float f:
                writer.WriteNumberValue(f);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case JsonElement e:
                e.WriteTo(writer);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IDictionary dict:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dict)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
