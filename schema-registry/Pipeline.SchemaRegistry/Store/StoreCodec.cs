using System.Text.Json;
using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// Keys and values of the <c>_schemas</c> topic in Confluent's JSON (Jackson, UTF-8, empty members
/// omitted, <c>magic</c> and <c>deleted</c> always written), so a Confluent registry can read what
/// this one writes and the other way round:
/// <code>
/// SCHEMA  {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}
///         {"subject":s,"version":v,"id":n,"schemaType":"AVRO","references":[...]?,"schema":text,"deleted":false}
/// CONFIG  {"keytype":"CONFIG","subject":s?,"magic":0}        {"subject":s?,"compatibilityLevel":"FULL","normalize":true?}
/// MODE    {"keytype":"MODE","subject":s?,"magic":0}          {"subject":s?,"mode":"IMPORT"}
/// DELETE_SUBJECT {"keytype":"DELETE_SUBJECT","subject":s,"magic":0}   {"subject":s,"version":v}
/// CLEAR_SUBJECT  {"keytype":"CLEAR_SUBJECT","subject":s?,"magic":0}   {"subject":s?}
/// NOOP    {"keytype":"NOOP","magic":0}                       null
/// </code>
/// Readers tolerate <c>"subject":null</c>, unknown members and unknown key types.
/// </summary>
public static class StoreCodec
{
    public static byte[] SerializeKey(StoreKey key) => Write(w =>
    {
        w.WriteString("keytype", KeyTypeName(key.Type));
        if (key.Type != StoreKeyType.Noop && key.Subject is not null)
        {
            w.WriteString("subject", key.Subject);
        }

        if (key.Type == StoreKeyType.Schema)
        {
            w.WriteNumber("version", key.Version);
            w.WriteNumber("magic", 1);
        }
        else
        {
            w.WriteNumber("magic", 0);
        }
    });

    public static byte[] SerializeSchema(StoredSchema s) => Write(w =>
    {
        w.WriteString("subject", s.Subject);
        w.WriteNumber("version", s.Version);
        w.WriteNumber("id", s.Id);
        w.WriteString("schemaType", s.SchemaType);
        if (s.References.Count > 0)
        {
            w.WriteStartArray("references");
            foreach (var r in s.References)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("subject", r.Subject);
                w.WriteNumber("version", r.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteString("schema", s.Schema);
        w.WriteBoolean("deleted", s.Deleted);
    });

    public static byte[] SerializeConfig(string? subject, SubjectConfig config) => Write(w =>
    {
        WriteSubject(w, subject);
        if (config.CompatibilityLevel is { } level)
        {
            w.WriteString("compatibilityLevel", CompatibilityLevels.Name(level));
        }

        if (config.Normalize is { } normalize)
        {
            w.WriteBoolean("normalize", normalize);
        }
    });

    public static byte[] SerializeMode(string? subject, RegistryMode mode) => Write(w =>
    {
        WriteSubject(w, subject);
        w.WriteString("mode", RegistryModes.Name(mode));
    });

    public static byte[] SerializeDeleteSubject(string subject, int version) => Write(w =>
    {
        w.WriteString("subject", subject);
        w.WriteNumber("version", version);
    });

    public static byte[] SerializeClearSubject(string? subject) => Write(w => WriteSubject(w, subject));

    /// <summary>The key of a record, or null when it is not a JSON object with a keytype.</summary>
    public static StoreKey? DeserializeKey(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        if (doc?.RootElement is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("keytype", out var kt) || kt.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var type = kt.GetString() switch
        {
            "SCHEMA" => StoreKeyType.Schema,
            "CONFIG" => StoreKeyType.Config,
            "MODE" => StoreKeyType.Mode,
            "NOOP" => StoreKeyType.Noop,
            "DELETE_SUBJECT" => StoreKeyType.DeleteSubject,
            "CLEAR_SUBJECT" => StoreKeyType.ClearSubject,
            "CONTEXT" => StoreKeyType.Context,
            _ => StoreKeyType.Other,
        };
        return new StoreKey(type, OptionalString(root, "subject"), OptionalInt(root, "version") ?? 0);
    }

    public static StoredSchema? DeserializeSchema(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        if (doc?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || OptionalString(root, "subject") is not { } subject
            || OptionalInt(root, "version") is not { } version
            || OptionalInt(root, "id") is not { } id
            || OptionalString(root, "schema") is not { } schema)
        {
            return null;
        }

        var references = new List<SchemaReference>();
        if (root.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in refs.EnumerateArray())
            {
                if (r.ValueKind == JsonValueKind.Object && OptionalString(r, "name") is { } name && OptionalString(r, "subject") is { } refSubject && OptionalInt(r, "version") is { } refVersion)
                {
                    references.Add(new SchemaReference(name, refSubject, refVersion));
                }
            }
        }

        var deleted = root.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True;
        return new StoredSchema(subject, version, id, OptionalString(root, "schemaType") ?? AvroType, references, schema, deleted);
    }

    public static SubjectConfig? DeserializeConfig(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        if (doc?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        CompatibilityLevel? level = CompatibilityLevels.TryParse(OptionalString(root, "compatibilityLevel"), out var l) ? l : null;
        bool? normalize = root.TryGetProperty("normalize", out var n) && n.ValueKind is JsonValueKind.True or JsonValueKind.False ? n.GetBoolean() : null;
        return new SubjectConfig(level, normalize);
    }

    public static RegistryMode? DeserializeMode(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        return doc?.RootElement is { ValueKind: JsonValueKind.Object } root && RegistryModes.TryParse(OptionalString(root, "mode"), out var mode) ? mode : null;
    }

    public static (string Subject, int Version)? DeserializeDeleteSubject(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        return doc?.RootElement is { ValueKind: JsonValueKind.Object } root && OptionalString(root, "subject") is { } s && OptionalInt(root, "version") is { } v ? (s, v) : null;
    }

    /// <summary>The subject of a CLEAR_SUBJECT value (null: every subject).</summary>
    public static string? DeserializeClearSubject(ReadOnlySpan<byte> bytes)
    {
        using var doc = Parse(bytes);
        return doc?.RootElement is { ValueKind: JsonValueKind.Object } root ? OptionalString(root, "subject") : null;
    }

    private const string AvroType = "AVRO";

    private static string KeyTypeName(StoreKeyType type) => type switch
    {
        StoreKeyType.Schema => "SCHEMA",
        StoreKeyType.Config => "CONFIG",
        StoreKeyType.Mode => "MODE",
        StoreKeyType.Noop => "NOOP",
        StoreKeyType.DeleteSubject => "DELETE_SUBJECT",
        StoreKeyType.ClearSubject => "CLEAR_SUBJECT",
        StoreKeyType.Context => "CONTEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a key type this registry writes"),
    };

    private static void WriteSubject(Utf8JsonWriter w, string? subject)
    {
        if (subject is not null)
        {
            w.WriteString("subject", subject);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int? OptionalInt(JsonElement o, string name) =>
        o.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) ? v : null;
}
