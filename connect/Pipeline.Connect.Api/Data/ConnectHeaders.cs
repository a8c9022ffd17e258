using System.Collections;

namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The ordered, mutable headers of a Connect record. Keys may repeat; <see cref="LastWithName"/>
/// finds the one that wins. Header converters turn each value to and from the record's bytes.
/// Not thread-safe.
/// </summary>
public sealed class ConnectHeaders : IReadOnlyList<ConnectHeader>
{
    private readonly List<ConnectHeader> _headers;

    /// <summary>No headers.</summary>
    public ConnectHeaders() => _headers = [];

    /// <summary>A copy of <paramref name="headers"/>.</summary>
    public ConnectHeaders(IEnumerable<ConnectHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers];
    }

    /// <inheritdoc/>
    public int Count => _headers.Count;

    /// <inheritdoc/>
    public ConnectHeader this[int index] => _headers[index];

    /// <summary>Appends a header; returns this collection.</summary>
    public ConnectHeaders Add(ConnectHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
        return this;
    }

    /// <summary>Appends a header whose value has <paramref name="schema"/> (checked when not null).</summary>
    public ConnectHeaders Add(string key, object? value, Schema? schema)
    {
        ArgumentNullException.ThrowIfNull(key);
        schema?.Validate(value);
        return Add(new ConnectHeader(key, schema, value));
    }

    /// <summary>Appends a header from a converter's result.</summary>
    public ConnectHeaders Add(string key, SchemaAndValue schemaAndValue) => Add(key, schemaAndValue.Value, schemaAndValue.Schema);

    /// <summary>Appends a string header (optional string schema).</summary>
    public ConnectHeaders AddString(string key, string? value) => Add(key, value, Schema.OptionalString);

    /// <summary>Appends a boolean header.</summary>
    public ConnectHeaders AddBoolean(string key, bool value) => Add(key, value, Schema.Boolean);

    /// <summary>Appends a 32-bit integer header.</summary>
    public ConnectHeaders AddInt32(string key, int value) => Add(key, value, Schema.Int32);

    /// <summary>Appends a 64-bit integer header.</summary>
    public ConnectHeaders AddInt64(string key, long value) => Add(key, value, Schema.Int64);

    /// <summary>Appends a 64-bit float header.</summary>
    public ConnectHeaders AddFloat64(string key, double value) => Add(key, value, Schema.Float64);

    /// <summary>Appends a bytes header (optional bytes schema).</summary>
    public ConnectHeaders AddBytes(string key, byte[]? value) => Add(key, value, Schema.OptionalBytes);

    /// <summary>The last header with this key, or null.</summary>
    public ConnectHeader? LastWithName(string key)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Key == key)
            {
                return _headers[i];
            }
        }

        return null;
    }

    /// <summary>Every header with this key, in order.</summary>
    public IReadOnlyList<ConnectHeader> AllWithName(string key) => _headers.FindAll(h => h.Key == key);

    /// <summary>Removes every header with this key; returns this collection.</summary>
    public ConnectHeaders Remove(string key)
    {
        _headers.RemoveAll(h => h.Key == key);
        return this;
    }

    /// <summary>Keeps only the last header of each key, in the order of those last headers.</summary>
    public ConnectHeaders RetainLatest()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<ConnectHeader>(_headers.Count);
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (seen.Add(_headers[i].Key))
            {
                kept.Add(_headers[i]);
            }
        }

        kept.Reverse();
        _headers.Clear();
        _headers.AddRange(kept);
        return this;
    }

    /// <summary>Removes every header; returns this collection.</summary>
    public ConnectHeaders Clear()
    {
        _headers.Clear();
        return this;
    }

    /// <summary>An independent copy (headers themselves are immutable).</summary>
    public ConnectHeaders Duplicate() => new(_headers);

    /// <inheritdoc/>
    public IEnumerator<ConnectHeader> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();
}
