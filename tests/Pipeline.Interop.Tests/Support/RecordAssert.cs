using System.Text;
using Pipeline.Testing.Kafka;
using Xunit;

namespace Pipeline.Interop.Tests.Support;

/// <summary>Checks that what a client read back is exactly what was produced.</summary>
public static class RecordAssert
{
    /// <summary>
    /// <paramref name="produced"/> (what the producer reported as acknowledged, with offsets) must
    /// match <paramref name="sent"/> one for one, in send order per partition, with increasing
    /// offsets; <paramref name="consumed"/> must hold each acknowledged record once, at its offset,
    /// byte for byte, in offset order per partition, and nothing else.
    /// </summary>
    public static void Delivered(IReadOnlyList<(int Partition, TestRecord Record)> sent, IReadOnlyList<InteropRecord> produced, IReadOnlyList<InteropRecord> consumed, string context)
    {
        Assert.True(produced.Count == sent.Count, $"{context}: {produced.Count} of {sent.Count} records were acknowledged");
        var sentByPartition = sent.GroupBy(s => s.Partition).ToDictionary(g => g.Key, g => g.Select(s => s.Record).ToList());
        var producedByPartition = produced.GroupBy(p => p.Partition ?? -1).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Offset).ToList());
        foreach (var (partition, expected) in sentByPartition)
        {
            Assert.True(producedByPartition.TryGetValue(partition, out var acked), $"{context}: nothing acknowledged on partition {partition}");
            Assert.True(acked.Count == expected.Count, $"{context}: partition {partition}: {acked.Count} acknowledged, {expected.Count} sent");
            for (var i = 0; i < expected.Count; i++)
            {
                if (!acked[i].Content.Equals(expected[i]))
                {
                    Assert.Fail($"{context}: partition {partition}: the record acknowledged at offset {acked[i].Offset} is {acked[i].Content}, but the {Ordinal(i)} record sent there was {expected[i]}");
                }

                if (i > 0 && acked[i].Offset <= acked[i - 1].Offset)
                {
                    Assert.Fail($"{context}: partition {partition}: offsets {acked[i - 1].Offset} and {acked[i].Offset} are not increasing");
                }
            }
        }

        SameAsProduced(produced, consumed, context);
    }

    /// <summary><paramref name="consumed"/> holds exactly the <paramref name="produced"/> records, each at its
    /// offset, in offset order per partition.</summary>
    public static void SameAsProduced(IReadOnlyList<InteropRecord> produced, IReadOnlyList<InteropRecord> consumed, string context)
    {
        var expectedByPartition = produced.GroupBy(p => p.Partition ?? -1).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Offset).ToList());
        var consumedByPartition = consumed.GroupBy(c => c.Partition ?? -1).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new StringBuilder();
        foreach (var partition in expectedByPartition.Keys.Union(consumedByPartition.Keys).Order())
        {
            var expected = expectedByPartition.GetValueOrDefault(partition) ?? [];
            var got = consumedByPartition.GetValueOrDefault(partition) ?? [];
            for (var i = 1; i < got.Count; i++)
            {
                if (got[i].Offset <= got[i - 1].Offset)
                {
                    problems.AppendLine($"partition {partition}: read offset {got[i].Offset} after {got[i - 1].Offset} (out of order or duplicate)");
                    break;
                }
            }

            var byOffset = got.GroupBy(g => g.Offset).ToDictionary(g => g.Key, g => g.First());
            foreach (var e in expected)
            {
                if (!byOffset.TryGetValue(e.Offset, out var c))
                {
                    problems.AppendLine($"partition {partition}: offset {e.Offset} ({e.Content}) was not read back");
                }
                else if (!c.Content.Equals(e.Content))
                {
                    problems.AppendLine($"partition {partition}: offset {e.Offset} came back as {c.Content}, expected {e.Content}");
                }
            }

            var expectedOffsets = expected.Select(e => e.Offset).ToHashSet();
            foreach (var extra in got.Where(g => !expectedOffsets.Contains(g.Offset)).Take(5))
            {
                problems.AppendLine($"partition {partition}: read an unexpected record {extra}");
            }

            if (got.Count != expected.Count)
            {
                problems.AppendLine($"partition {partition}: read {got.Count} records, expected {expected.Count}");
            }

            if (problems.Length > 4000)
            {
                break;
            }
        }

        if (problems.Length > 0)
        {
            Assert.Fail($"{context}: records read back differ from those produced:\n{problems}");
        }
    }

    private static string Ordinal(int i) => (i + 1) switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        var n => $"{n}th",
    };
}
