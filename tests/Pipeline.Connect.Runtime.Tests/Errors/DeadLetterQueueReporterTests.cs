using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Consumer;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Tests.Plugins;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Time;

namespace Pipeline.Connect.Runtime.Tests.Errors;

[Trait("Category", "Integration")]
public class DeadLetterQueueReporterTests
{
    private static async Task<(DeadLetterQueueReporter Reporter, string Topic, string Bootstrap)> CreateAsync(bool contextHeaders)
    {
        var bootstrap = await HostedBroker.SharedBootstrapServersAsync();
        var topic = "dlq-" + Guid.NewGuid().ToString("N")[..8];
        var config = new ConnectorConfig(
            TestPlugins.Registry,
            TestPlugins.Sink(
                ("errors.tolerance", "all"),
                ("errors.deadletterqueue.topic.name", topic),
                ("errors.deadletterqueue.context.headers.enable", contextHeaders ? "true" : "false")),
            TestPlugins.NoWorkerDefaults);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reporter = await DeadLetterQueueReporter.CreateAsync(
            new ConnectorTaskId("px-sink", 2), config, new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap }, NullLoggerFactory.Instance, timeout.Token);
        return (Assert.IsType<DeadLetterQueueReporter>(reporter), topic, bootstrap);
    }

    private static ConsumeResult<byte[]?, byte[]?> ReadOne(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrap,
            ["group.id"] = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            ["auto.offset.reset"] = "earliest",
        }).Build();
        consumer.Assign([new TopicPartitionOffset(topic, 0, 0)]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromSeconds(1)) is { Message: not null } result)
            {
                return result;
            }
        }

        throw new TimeoutException("no record in " + topic);
    }

    private static string Text(Headers headers, string key) => Encoding.UTF8.GetString(headers.GetLast(key)!);

    [Fact]
    public async Task ReportAsync_WithContextHeaders_WritesOriginalBytesAndKafkasHeaders()
    {
        var (reporter, topic, bootstrap) = await CreateAsync(contextHeaders: true);
        using var _ = reporter;
        var consumed = new ConsumedRecord("orders", 4, 1234, 1700000000123, [0x01, 0x02], [0xFF, 0x00, 0x7F], [("trace", [0x09]), ("empty", null)]);
        var context = new ProcessingContext(consumed);
        var op = new RetryWithToleranceOperator(0, 0, toleranceAll: true, new ManualTimeProvider(), [reporter]);

        Assert.Null(op.Execute<string>(context, Stage.ValueConverter, typeof(DeadLetterQueueReporterTests), () => throw new DataException("cannot read value")));
        await context.Reported.WaitAsync(TimeSpan.FromSeconds(30));

        var record = ReadOne(bootstrap, topic);
        Assert.Equal([0x01, 0x02], record.Message!.Key);
        Assert.Equal([0xFF, 0x00, 0x7F], record.Message.Value);
        Assert.Equal(1700000000123, record.Message.Timestamp.UnixTimestampMs);
        var headers = record.Message.Headers!;
        Assert.Equal("trace", headers[0].Key);
        Assert.Equal([0x09], headers[0].Value);
        Assert.Equal("empty", headers[1].Key);
        Assert.Null(headers[1].Value);
        Assert.Equal("orders", Text(headers, "__connect.errors.topic"));
        Assert.Equal("4", Text(headers, "__connect.errors.partition"));
        Assert.Equal("1234", Text(headers, "__connect.errors.offset"));
        Assert.Equal("px-sink", Text(headers, "__connect.errors.connector.name"));
        Assert.Equal("2", Text(headers, "__connect.errors.task.id"));
        Assert.Equal("VALUE_CONVERTER", Text(headers, "__connect.errors.stage"));
        Assert.Equal(typeof(DeadLetterQueueReporterTests).FullName, Text(headers, "__connect.errors.class.name"));
        Assert.Equal(typeof(DataException).FullName, Text(headers, "__connect.errors.exception.class.name"));
        Assert.Equal("cannot read value", Text(headers, "__connect.errors.exception.message"));
        Assert.Contains("cannot read value", Text(headers, "__connect.errors.exception.stacktrace"));
        Assert.Equal(12, headers.Count);
        Assert.Equal(1, reporter.Produced);
    }

    [Fact]
    public async Task CreateAsync_MissingTopic_CreatesItWithOnePartitionAndClampedReplication()
    {
        var (reporter, topic, bootstrap) = await CreateAsync(contextHeaders: false);
        using var _ = reporter;
        await using var admin = new AdminClient(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap });

        var description = Assert.Single(await admin.DescribeTopicsAsync([topic]));

        Assert.Single(description.Partitions);
        Assert.Single(description.Partitions[0].Replicas);
    }

    [Fact]
    public async Task ReportAsync_WithoutContextHeaders_KeepsOnlyTheOriginalHeaders()
    {
        var (reporter, topic, bootstrap) = await CreateAsync(contextHeaders: false);
        using var _ = reporter;
        var context = new ProcessingContext(new ConsumedRecord("orders", 0, 5, -1, null, [0x42], [("h", [0x01])]));
        var op = new RetryWithToleranceOperator(0, 0, toleranceAll: true, new ManualTimeProvider(), [reporter]);

        op.Execute<string>(context, Stage.Transformation, typeof(string), () => throw new DataException("x"));
        await context.Reported.WaitAsync(TimeSpan.FromSeconds(30));

        var record = ReadOne(bootstrap, topic);
        Assert.Null(record.Message!.Key);
        Assert.Equal([0x42], record.Message.Value);
        Assert.Equal("h", Assert.Single(record.Message.Headers!).Key);
    }

    [Fact]
    public async Task CreateAsync_NoDlqConfigured_ReturnsNull()
    {
        var config = new ConnectorConfig(TestPlugins.Registry, TestPlugins.Sink(), TestPlugins.NoWorkerDefaults);

        Assert.Null(await DeadLetterQueueReporter.CreateAsync(new ConnectorTaskId("x", 0), config, new Dictionary<string, string>(), NullLoggerFactory.Instance));
    }
}
