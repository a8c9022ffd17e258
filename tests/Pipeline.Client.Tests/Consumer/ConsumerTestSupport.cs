using System.Globalization;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Testing.Brokers;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>Producing test records and consuming until a count or a condition, without blocking pool threads.</summary>
internal static class ConsumerTestSupport
{
    /// <summary>Writes values "0".."count-1" (keys "k{i % keys}"), optionally all to one partition; returns the delivery reports in order.</summary>
    public static async Task<List<DeliveryResult<string, string>>> ProduceAsync(HostedBroker broker, string topic, int count, int keys = 7, int? partition = null, int first = 0)
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
    public static Task<List<ConsumeResult<TKey, TValue>>> PollUntilAsync<TKey, TValue>(Func<bool> condition, string what, params IConsumer<TKey, TValue>[] consumers) =>
        PollUntilAsync([], condition, what, consumers);

    /// <summary>As above, adding what is consumed to <paramref name="got"/> as it arrives (so that the condition can look at it).</summary>
    public static async Task<List<ConsumeResult<TKey, TValue>>> PollUntilAsync<TKey, TValue>(List<ConsumeResult<TKey, TValue>> got, Func<bool> condition, string what, params IConsumer<TKey, TValue>[] consumers)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            if (await PollRoundAsync(got, consumers) == 0)
            {
                await Task.Delay(10);
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
            if (await PollRoundAsync(sink, consumers) == 0)
            {
                await Task.Delay(10);
            }
        }
    }

    /// <summary>One round: from each consumer in turn, whatever it has ready (without waiting), up to 100 records.</summary>
    private static async Task<int> PollRoundAsync<TKey, TValue>(List<ConsumeResult<TKey, TValue>> sink, IConsumer<TKey, TValue>[] consumers)
    {
        var n = 0;
        foreach (var c in consumers)
        {
            for (var i = 0; i < 100 && await c.ConsumeAsync(TimeSpan.Zero) is { } r; i++)
            {
                sink.Add(r);
                n++;
            }
        }

        return n;
    }

    public static int Value(ConsumeResult<string, string> r) => int.Parse(r.Message!.Value, CultureInfo.InvariantCulture);
}
