using System.Collections;
using System.Text;

namespace Pipeline.Client;

/// <summary>
/// The ordered headers of a record. Keys may repeat (Kafka allows it); <see cref="TryGetLast"/>
/// finds the last value for a key, as Kafka's lastHeader does.
/// </summary>
public sealed class Headers : IReadOnlyList<Header>
{
    private readonly List<Header> _headers;

    public Headers() => _headers = [];

    public Headers(IEnumerable<Header> headers) => _headers = [.. headers];

    public int Count => _headers.Count;

    public Header this[int index] => _headers[index];

    public void Add(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _headers.Add(new Header(key, value));
    }

    public void Add(string key, string? value) => Add(key, value is null ? null : Encoding.UTF8.GetBytes(value));

    public void Add(Header header) => Add(header.Key, header.Value);

    public void Remove(string key) => _headers.RemoveAll(h => h.Key == key);

    public bool TryGetLast(string key, out byte[]? value)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Key == key)
            {
                value = _headers[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public byte[]? GetLast(string key) =>
        TryGetLast(key, out var value) ? value : throw new KeyNotFoundException($"no header '{key}'");

    public List<Header>.Enumerator GetEnumerator() => _headers.GetEnumerator();

    IEnumerator<Header> IEnumerable<Header>.GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _headers.GetEnumerator();
}
