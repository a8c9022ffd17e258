using System.Diagnostics.CodeAnalysis;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>Throw helpers kept out of line so the codecs' hot paths stay small.</summary>
internal static class CodecErrors
{
    [DoesNotReturn]
    public static void Mismatch(Schema schema, object? value) =>
        throw new AvroTypeException($"{Describe(value)} is not a valid {Describe(schema)}");

    [DoesNotReturn]
    public static T Mismatch<T>(Schema schema, object? value) =>
        throw new AvroTypeException($"{Describe(value)} is not a valid {Describe(schema)}");

    [DoesNotReturn]
    public static void Invalid(string message) => throw new AvroTypeException(message);

    public static string Describe(Schema schema) => schema is NamedSchema named
        ? $"{named.TypeName} {named.FullName}"
        : schema.LogicalType is { } logical ? $"{schema.TypeName} ({logical})" : schema.TypeName;

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{(s.Length > 40 ? s[..40] + "..." : s)}\"",
        GenericRecord r => $"record {r.Schema.FullName}",
        GenericEnum e => $"enum {e.Schema.FullName} value {e.Symbol}",
        GenericFixed f => $"fixed {f.Schema.FullName}",
        _ => $"{value.GetType().Name} {value}",
    };
}
