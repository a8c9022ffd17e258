using System.Globalization;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>Producing test records and consuming until a count or a condition, without blocking pool threads.</summary>
internal static class ConsumerTestSupport
{
    /// <summary>Writes values "0".."count-1" (keys "k{i % keys}"), optionally all to one partition; returns the delivery reports in order.</summary>
    public static async Task<List<DeliveryResult<string, string>>> ProduceAsync(TestBroker broker, string topic, int count, int keys = 7, int? partition = null, int first = 0)
    {
        using var producer = ClientFactory.Producer(broker);
        var sends = new List<Task<DeliveryResult<string, string>>>(count);
        for (var i = first; i < first + count; i++)
        {
            var message = new Message<string, string> { Key = "k" + (i % keys), Value = i.ToString(CultureInfo.InvariantCulture) };
            sends.Add(partition is { } p ? producer.ProduceAsync(new TopicPartition(topic, p), message) : producer.ProduceAsync(topic, message));
        }

        return [.. await Task.WhenAll(sends)];
    }

    /// <summary>Consumes until <paramref name="count"/> records arrived (or the time runs out, which fails).</summary>
    public static async Task<List<ConsumeResult<TKey, TValue>>> ConsumeAsync<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count, TimeSpan? timeout = null)
    {
        var got = new List<ConsumeResult<TKey, TValue>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (got.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"consumed only {got.Count} of {count} records in time");
            if (await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(200)) is { } r)
            {
                got.Add(r);
            }
        }

        return got;
    }

    /// <summary>Polls (consuming whatever comes) until <paramref name="condition"/> holds; returns what was consumed meanwhile.</summary>
    public static async Task<List<ConsumeResult<TKey, TValue>>> PollUntilAsync<TKey, TValue>(Func<bool> condition, string what, params IConsumer<TKey, TValue>[] consumers)
    {
        var got = new List<ConsumeResult<TKey, TValue>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            foreach (var c in consumers)
            {
                if (await c.ConsumeAsync(TimeSpan.FromMilliseconds(50)) is { } r)
                {
                    got.Add(r);
                }
            }
        }

        return got;
    }

    /// <summary>Polls every consumer for a while, collecting what each gets.</summary>
    public static async Task PollForAsync<TKey, TValue>(TimeSpan duration, List<ConsumeResult<TKey, TValue>> sink, params IConsumer<TKey, TValue>[] consumers)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            foreach (var c in consumers)
            {
                if (await c.ConsumeAsync(TimeSpan.FromMilliseconds(20)) is { } r)
                {
                    sink.Add(r);
                }
            }
        }
    }

    public static int Value(ConsumeResult<string, string> r) => int.Parse(r.Message!.Value, CultureInfo.InvariantCulture);
}
