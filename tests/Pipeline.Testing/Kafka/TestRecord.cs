using System.Text;

namespace Pipeline.Testing.Kafka;

/// <summary>
/// One record as a test sees it: key, value and headers (null = absent on the wire), plus the
/// offset and timestamp the broker gave it when it was read back. Equality compares content
/// (key, value, headers) only, so a produced record equals the one fetched at any offset.
/// </summary>
public sealed class TestRecord : IEquatable<TestRecord>
{
    public TestRecord(byte[]? key, byte[]? value, IReadOnlyList<KeyValuePair<string, byte[]?>>? headers = null, long offset = -1, long timestamp = -1)
    {
        Key = key;
        Value = value;
        Headers = headers ?? [];
        Offset = offset;
        Timestamp = timestamp;
    }

    public byte[]? Key { get; }

    public byte[]? Value { get; }

    public IReadOnlyList<KeyValuePair<string, byte[]?>> Headers { get; }

    public long Offset { get; }

    public long Timestamp { get; }

    /// <summary>UTF-8 key/value/headers; a null string stays null.</summary>
    public static TestRecord Of(string? key, string? value, params (string Key, string? Value)[] headers) =>
        new(Utf8(key), Utf8(value), headers.Select(h => new KeyValuePair<string, byte[]?>(h.Key, Utf8(h.Value))).ToArray());

    public TestRecord WithPosition(long offset, long timestamp) => new(Key, Value, Headers, offset, timestamp);

    public bool Equals(TestRecord? other)
    {
        if (other is null)
        {
            return false;
        }

        if (!BytesEqual(Key, other.Key) || !BytesEqual(Value, other.Value) || Headers.Count != other.Headers.Count)
        {
            return false;
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Key != other.Headers[i].Key || !BytesEqual(Headers[i].Value, other.Headers[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TestRecord);

    public override int GetHashCode() => HashCode.Combine(Key?.Length ?? -1, Value?.Length ?? -1, Headers.Count);

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Offset >= 0)
        {
            sb.Append('@').Append(Offset).Append(' ');
        }

        sb.Append("key=").Append(Show(Key)).Append(" value=").Append(Show(Value));
        foreach (var (k, v) in Headers)
        {
            sb.Append(" h:").Append(k).Append('=').Append(Show(v));
        }

        return sb.ToString();
    }

    public static byte[]? Utf8(string? s) => s is null ? null : Encoding.UTF8.GetBytes(s);

    private static bool BytesEqual(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string Show(byte[]? b)
    {
        if (b is null)
        {
            return "null";
        }

        var text = b.Length <= 64 && b.All(c => c is >= 0x20 and < 0x7f) ? Encoding.ASCII.GetString(b) : null;
        return text is not null ? $"\"{text}\"" : $"[{b.Length} bytes {Convert.ToHexString(b.AsSpan(0, Math.Min(b.Length, 16)))}{(b.Length > 16 ? "..." : "")}]";
    }
}
