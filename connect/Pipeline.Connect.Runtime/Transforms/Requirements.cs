using System.Collections;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's checks on what a transform was given, with Kafka's messages ("... for [purpose], found: type").</summary>
internal static class Requirements
{
    public static void RequireSchema(Schema? schema, string purpose)
    {
        if (schema is null)
        {
            throw new DataException($"Schema required for [{purpose}]");
        }
    }

    public static IDictionary RequireMap(object? value, string purpose) =>
        value as IDictionary ?? throw new DataException($"Only Map objects supported in absence of schema for [{purpose}], found: {ClassName(value)}");

    public static IDictionary? RequireMapOrNull(object? value, string purpose) => value is null ? null : RequireMap(value, purpose);

    public static Struct RequireStruct(object? value, string purpose) =>
        value as Struct ?? throw new DataException($"Only Struct objects supported for [{purpose}], found: {ClassName(value)}");

    public static Struct? RequireStructOrNull(object? value, string purpose) => value is null ? null : RequireStruct(value, purpose);

    public static SinkRecord RequireSinkRecord(ConnectRecord record, string purpose) =>
        record as SinkRecord ?? throw new DataException($"Only SinkRecord supported for [{purpose}], found: {ClassName(record)}");

    public static string ClassName(object? value) => value is null ? "null" : value.GetType().FullName ?? value.GetType().Name;

    /// <summary>A schemaless map's copy with string keys, in the source's order (Kafka's <c>new HashMap&lt;&gt;(value)</c>).</summary>
    public static Dictionary<string, object?> CopyMap(IDictionary map)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry e in map)
        {
            copy[KeyOf(e.Key)] = e.Value;
        }

        return copy;
    }

    /// <summary>The value under <paramref name="key"/>, or null when absent.</summary>
    public static object? Lookup(IDictionary map, string key) => map.Contains(key) ? map[key] : null;

    public static string KeyOf(object key) => key as string ?? Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
