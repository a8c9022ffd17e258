using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Avro.Codecs;

namespace Pipeline.Avro.Tests.Interop;

/// <summary>
/// The interop scripts' value format: underlying Avro values (read with logical types off),
/// bytes and fixed as lower-case hex, enums as symbols, unions unwrapped.
/// </summary>
internal static class PlainJson
{
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f => JsonValue.Create((double)f),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        byte[] bytes => JsonValue.Create(Convert.ToHexString(bytes).ToLowerInvariant()),
        GenericFixed f => JsonValue.Create(Convert.ToHexString(f.Bytes).ToLowerInvariant()),
        GenericEnum e => JsonValue.Create(e.Symbol),
        GenericRecord r => Record(r),
        IDictionary map => Map(map),
        IList list => new JsonArray(list.Cast<object?>().Select(From).ToArray()),
        _ => throw new ArgumentException($"not a raw generic value: {value.GetType()}"),
    };

    private static JsonObject Record(GenericRecord record)
    {
        var obj = new JsonObject();
        for (var i = 0; i < record.Schema.Fields.Count; i++)
        {
            obj[record.Schema.Fields[i].Name] = From(record[i]);
        }

        return obj;
    }

    private static JsonObject Map(IDictionary map)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            obj[(string)entry.Key] = From(entry.Value);
        }

        return obj;
    }
}
