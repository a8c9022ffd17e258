using System.Text;
using Pipeline.Testing.Kafka;

namespace Pipeline.Interop.Tests.Support;

/// <summary>
/// Deterministic records that exercise the encodings clients get wrong: null keys and values,
/// empty values, binary bytes (every byte value), multi-byte UTF-8, several headers with binary
/// values, a non-ASCII header name, and a few larger values. Header values are never null:
/// kafka-python rejects them and confluent-kafka 1.7.0 mishandles them (see the scripts).
/// </summary>
public static class InteropData
{
    public static IReadOnlyList<(int Partition, TestRecord Record)> Records(int count, int partitions, bool headers = true)
    {
        var list = new List<(int, TestRecord)>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add((i % partitions, Record(i, headers)));
        }

        return list;
    }

    public static TestRecord Record(int i, bool withHeaders = true)
    {
        // Never both key and value null: kafka-python refuses such a record.
        var key = i % 11 == 5 && i % 17 != 3 ? null : Encoding.UTF8.GetBytes($"key-{i}");
        byte[]? value = (i % 17) switch
        {
            3 => null,
            7 => [],
            _ when i % 5 == 1 => Enumerable.Range(0, 256).Select(b => (byte)((b + i) % 256)).ToArray(),
            _ when i % 3 == 2 => Encoding.UTF8.GetBytes($"värde-{i}-€-日本語-\u0000-end"),
            _ when i % 97 == 10 => Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 20_000)),
            _ => Encoding.UTF8.GetBytes($"value-{i}-{new string('x', i % 40)}"),
        };
        var headers = new List<KeyValuePair<string, byte[]?>>();
        if (withHeaders && i % 4 != 0)
        {
            headers.Add(new("trace-id", Encoding.UTF8.GetBytes($"t-{i}")));
            headers.Add(new("bin", [0, 255, (byte)(i % 256), 10, 13]));
            if (i % 6 == 1)
            {
                headers.Add(new("ünïcode-名", Encoding.UTF8.GetBytes("ü")));
            }

            if (i % 8 == 3)
            {
                headers.Add(new("empty", []));
            }
        }

        return new TestRecord(key, value, headers);
    }
}
