using System.Collections;
using System.Reflection;
using System.Text;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>
/// Fills a generated message with seeded values that differ from the defaults, by reflection
/// (tests only). With the specs at hand it knows which fields may be null in a version.
/// </summary>
internal sealed class MessageFiller
{
    private readonly Random _random;
    private readonly SpecIndex? _specs;
    private readonly FillMode _mode;
    private readonly short _version;
    private readonly bool _flexible;
    private int _nextTag = 1000;

    public MessageFiller(int seed, SpecIndex? specs, FillMode mode, Type messageType, short version)
    {
        _random = new Random(seed);
        _specs = specs;
        _mode = mode;
        _version = version;
        _flexible = MessageTypes.IsFlexible(messageType, version);
    }

    public static IEnumerable<PropertyInfo> FieldProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != nameof(ProduceRequest.UnknownTaggedFields));

    public void Fill(object target)
    {
        var type = target.GetType();
        var fresh = Activator.CreateInstance(type)!;
        foreach (var p in FieldProperties(type))
        {
            var field = _specs?.Field(type, p.Name);
            var mayBeNull = field is not null && field.Versions.Contains(_version) && field.NullableVersions.Contains(_version);
            p.SetValue(target, Value(p.PropertyType, p.GetValue(fresh), mayBeNull));
        }

        if (_flexible && _mode == FillMode.Full)
        {
            // Unknown tags above every known one, so they must come back after the known tags.
            type.GetProperty(nameof(ProduceRequest.UnknownTaggedFields))!.SetValue(target, new List<RawTaggedField>
            {
                new(_nextTag++, Bytes(1 + _random.Next(3))),
                new(_nextTag++, []),
            });
        }
    }

    private object? Value(Type type, object? defaultValue, bool mayBeNull)
    {
        if (_mode == FillMode.Nulls && mayBeNull)
        {
            return type == typeof(RecordSet) ? RecordSet.Null : null;
        }

        var empty = _mode == FillMode.Empties;
        if (type == typeof(string))
        {
            return empty ? "" : Text((string?)defaultValue);
        }

        if (type == typeof(byte[]))
        {
            return empty ? Array.Empty<byte>() : Bytes(1 + _random.Next(6));
        }

        if (type == typeof(RecordSet))
        {
            return empty ? RecordSet.Empty : new RecordSet(Bytes(1 + _random.Next(20)));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            if (!empty)
            {
                var element = type.GetGenericArguments()[0];
                for (var i = 0; i < 2; i++)
                {
                    list.Add(Value(element, DefaultOf(element), mayBeNull: false));
                }
            }

            return list;
        }

        if (type.IsClass && type.Namespace == typeof(IDataMessage).Namespace)
        {
            var nested = Activator.CreateInstance(type)!;
            Fill(nested);
            return nested;
        }

        return Scalar(type, defaultValue);
    }

    private static object? DefaultOf(Type t) => t.IsValueType ? Activator.CreateInstance(t) : null;

    private object Scalar(Type type, object? defaultValue)
    {
        while (true)
        {
            object value = type switch
            {
                _ when type == typeof(bool) => !(bool)defaultValue!,
                _ when type == typeof(sbyte) => (sbyte)_random.Next(sbyte.MinValue, sbyte.MaxValue + 1),
                _ when type == typeof(short) => (short)_random.Next(short.MinValue, short.MaxValue + 1),
                _ when type == typeof(ushort) => (ushort)_random.Next(ushort.MinValue, ushort.MaxValue + 1),
                _ when type == typeof(int) => _random.Next(int.MinValue, int.MaxValue),
                _ when type == typeof(long) => _random.NextInt64(long.MinValue, long.MaxValue),
                _ when type == typeof(double) => _random.NextDouble() * 1000 - 500,
                _ when type == typeof(Uuid) => new Uuid(_random.NextInt64(), _random.NextInt64()),
                _ => throw new InvalidOperationException($"cannot fill a {type}"),
            };
            if (!value.Equals(defaultValue))
            {
                return value;
            }
        }
    }

    private string Text(string? defaultValue)
    {
        // Multi-byte UTF-8 so that byte lengths and char counts differ.
        var sb = new StringBuilder("s");
        var length = 1 + _random.Next(8);
        for (var i = 0; i < length; i++)
        {
            sb.Append(_random.Next(4) == 0 ? 'é' : (char)('a' + _random.Next(26)));
        }

        var text = sb.ToString();
        return text == defaultValue ? text + "x" : text;
    }

    private byte[] Bytes(int count)
    {
        var b = new byte[count];
        _random.NextBytes(b);
        return b;
    }
}
