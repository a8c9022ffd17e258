namespace Pipeline.Client.Serialization;

/// <summary>The built-in deserializers, and the default one for a type.</summary>
public static class Deserializers
{
    public static Utf8Deserializer Utf8 { get; } = new();

    public static ByteArrayDeserializer ByteArray { get; } = new();

    public static Int32Deserializer Int32 { get; } = new();

    public static Int64Deserializer Int64 { get; } = new();

    public static NullDeserializer Null { get; } = new();

    public static IgnoreDeserializer Ignore { get; } = new();

    public static IDeserializer<T>? DefaultFor<T>() =>
        typeof(T) == typeof(string) ? (IDeserializer<T>)(object)Utf8
        : typeof(T) == typeof(byte[]) ? (IDeserializer<T>)(object)ByteArray
        : typeof(T) == typeof(int) ? (IDeserializer<T>)(object)Int32
        : typeof(T) == typeof(long) ? (IDeserializer<T>)(object)Int64
        : typeof(T) == typeof(Null) ? (IDeserializer<T>)(object)Null
        : typeof(T) == typeof(Ignore) ? (IDeserializer<T>)(object)Ignore
        : null;
}
