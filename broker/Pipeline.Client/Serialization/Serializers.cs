namespace Pipeline.Client.Serialization;

/// <summary>The built-in serializers, and the default one for a type.</summary>
public static class Serializers
{
    public static Utf8Serializer Utf8 { get; } = new();

    public static ByteArraySerializer ByteArray { get; } = new();

    public static Int32Serializer Int32 { get; } = new();

    public static Int64Serializer Int64 { get; } = new();

    public static NullSerializer Null { get; } = new();

    /// <summary>The built-in serializer for <typeparamref name="T"/>, or null when there is none.</summary>
    public static ISerializer<T>? DefaultFor<T>() =>
        typeof(T) == typeof(string) ? (ISerializer<T>)(object)Utf8
        : typeof(T) == typeof(byte[]) ? (ISerializer<T>)(object)ByteArray
        : typeof(T) == typeof(int) ? (ISerializer<T>)(object)Int32
        : typeof(T) == typeof(long) ? (ISerializer<T>)(object)Int64
        : typeof(T) == typeof(Null) ? (ISerializer<T>)(object)Null
        : null;
}
