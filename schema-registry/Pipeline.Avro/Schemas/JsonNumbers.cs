using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>How Jackson (Java's JSON library) classifies numbers: integral means no '.', 'e' or 'E' in the text.</summary>
internal static class JsonNumbers
{
    public static bool IsIntegral(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.AsSpan().IndexOfAny(".eE") < 0;
    }
}
