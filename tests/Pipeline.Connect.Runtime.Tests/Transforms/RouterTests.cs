using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class RouterTests
{
    [Theory]
    [InlineData("(.*)", "copy-$1", "orders", "copy-orders")]
    [InlineData("(\\w+)\\.(\\w+)", "$2_$1", "db.orders", "orders_db")]
    [InlineData("ord", "x", "orders", "orders")] // must match the whole topic
    [InlineData("(?<name>.*)s", "${name}-v2", "orders", "order-v2")]
    [InlineData("(.*)", "\\$1-$1", "t", "$1-t")] // Java escape of '$'
    public void RegexRouter_Topic_ReplacedWithGroups(string regex, string replacement, string topic, string expected)
    {
        using var router = Configured<RegexRouter>(("regex", regex), ("replacement", replacement));
        var record = new Api.Source.SourceRecord(null, null, topic, 0, Schema.String, "k", Schema.String, "v", 5);
        record.Headers.AddString("h", "1");
        var result = router.Apply(record)!;
        Assert.Equal(expected, result.Topic);
        Assert.Equal("k", result.Key);
        Assert.Equal(5L, result.Timestamp);
        Assert.Single(result.Headers);
    }

    [Fact]
    public void RegexRouter_InvalidRegex_ThrowsConfigExceptionNamingRegex()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<RegexRouter>(("regex", "(unclosed"), ("replacement", "x")));
        Assert.Equal("regex", e.Name);
    }

    [Fact]
    public void RegexRouter_MissingReplacement_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<RegexRouter>(("regex", ".*")));
        Assert.Equal("replacement", e.Name);
    }

    [Fact]
    public void TimestampRouter_Defaults_TopicDashDate()
    {
        using var router = Configured<TimestampRouter>();
        var ts = new DateTimeOffset(2017, 1, 2, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("topic-20170102", router.Apply(Value(Schema.String, "v", ts))!.Topic);
    }

    [Fact]
    public void TimestampRouter_CustomFormats_Applied()
    {
        using var router = Configured<TimestampRouter>(("topic.format", "logs_${timestamp}_${topic}"), ("timestamp.format", "yyyy-MM-dd'T'HH"));
        var ts = new DateTimeOffset(2024, 12, 31, 7, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("logs_2024-12-31T07_topic", router.Apply(Value(null, null, ts))!.Topic);
    }

    [Fact]
    public void TimestampRouter_NoTimestamp_ThrowsDataException()
    {
        using var router = Configured<TimestampRouter>();
        var e = Assert.Throws<DataException>(() => router.Apply(Value(Schema.String, "v")));
        Assert.StartsWith("Timestamp missing on record", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimestampRouter_IllegalPattern_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Configured<TimestampRouter>(("timestamp.format", "yyyyTdd")));
        Assert.Equal("timestamp.format", e.Name);
        Assert.Contains("Illegal pattern character 'T'", e.Message, StringComparison.Ordinal);
    }
}
