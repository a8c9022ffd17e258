using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.SchemaRegistry;

/// <summary>
/// JSON settings shared by the REST layer, the store and the client: no escaping of non-ASCII or
/// HTML characters (Jackson escapes only what JSON requires), so schema texts keep their bytes.
/// </summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
