using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// The custom attributes of a schema or field, in the order they were given (Java keeps a
/// LinkedHashMap, and <c>ToJson</c> writes them back in that order). Values are immutable
/// <see cref="JsonElement"/>s. For schemas this includes <c>logicalType</c>, <c>precision</c> and
/// <c>scale</c>, as Java's <c>getObjectProps()</c> does.
/// </summary>
public sealed class SchemaProperties : IReadOnlyDictionary<string, JsonElement>
{
    public static readonly SchemaProperties Empty = new([]);

    private readonly KeyValuePair<string, JsonElement>[] _items;

    private SchemaProperties(KeyValuePair<string, JsonElement>[] items) => _items = items;

    /// <summary>Copies <paramref name="items"/>; a repeated key keeps its first position and last value.</summary>
    public static SchemaProperties From(IEnumerable<KeyValuePair<string, JsonElement>>? items)
    {
        if (items is null)
        {
            return Empty;
        }

        var list = new List<KeyValuePair<string, JsonElement>>();
        foreach (var (key, value) in items)
        {
            var copy = new KeyValuePair<string, JsonElement>(key, value.Clone());
            var index = list.FindIndex(p => p.Key == key);
            if (index >= 0)
            {
                list[index] = copy;
            }
            else
            {
                list.Add(copy);
            }
        }

        return list.Count == 0 ? Empty : new SchemaProperties([.. list]);
    }

    /// <summary>Builds properties from .NET values serialized with System.Text.Json (strings, numbers, ...).</summary>
    public static SchemaProperties Of(params (string Key, object? Value)[] items)
    {
        var list = new List<KeyValuePair<string, JsonElement>>(items.Length);
        foreach (var (key, value) in items)
        {
            list.Add(new(key, JsonSerializer.SerializeToElement(value)));
        }

        return From(list);
    }

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(p => p.Key);

    public IEnumerable<JsonElement> Values => _items.Select(p => p.Value);

    public JsonElement this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value)
    {
        foreach (var item in _items)
        {
            if (item.Key == key)
            {
                value = item.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The property as text when it is a JSON string (Java's <c>getProp</c>), else null.</summary>
    public string? GetString(string key) => TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Same keys, same order, equal JSON values.</summary>
    public bool ContentEquals(SchemaProperties other)
    {
        if (other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!other.TryGetValue(_items[i].Key, out var value) || !JsonElement.DeepEquals(value, _items[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, JsonElement>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
