using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

internal static class TransformFixtures
{
    public static T Configured<T>(params (string Key, string Value)[] configs)
        where T : ITransformation, new()
    {
        var transform = new T();
        transform.Configure(configs.ToDictionary(c => c.Key, c => c.Value));
        return transform;
    }

    public static T ConfiguredPredicate<T>(params (string Key, string Value)[] configs)
        where T : IPredicate, new()
    {
        var predicate = new T();
        predicate.Configure(configs.ToDictionary(c => c.Key, c => c.Value));
        return predicate;
    }

    public static SourceRecord Value(Schema? schema, object? value, long? timestamp = null) =>
        new(null, null, "topic", 0, null, null, schema, value, timestamp);

    public static SourceRecord Key(Schema? schema, object? key) =>
        new(null, null, "topic", 0, schema, key, null, null);

    public static SinkRecord Sink(Schema? valueSchema, object? value, long offset = 42, long? timestamp = null) =>
        new("topic", 3, null, null, valueSchema, value, offset, timestamp, TimestampType.CreateTime);

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    public static IDictionary<string, object?> AsMap(object? value) => Assert.IsAssignableFrom<IDictionary<string, object?>>(value);
}
