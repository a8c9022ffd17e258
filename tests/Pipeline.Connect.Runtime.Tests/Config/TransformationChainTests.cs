using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Tests.Plugins;
using Pipeline.Connect.Runtime.Tests.Plugins.Fakes;
using Pipeline.Testing.Time;

namespace Pipeline.Connect.Runtime.Tests.Config;

public class TransformationChainTests
{
    private static TransformationChain Chain(params (string Key, string? Value)[] settings) =>
        TransformationChain.Create(TestPlugins.Registry, new ConnectorConfig(TestPlugins.Registry, TestPlugins.Sink(settings), TestPlugins.NoWorkerDefaults));

    private static SinkRecord Record(string topic, string value) => new(topic, 0, null, null, null, value, 7);

    private static RetryWithToleranceOperator Operator(bool toleranceAll) => new(0, 0, toleranceAll, new ManualTimeProvider(), []);

    private static ConnectRecord? Apply(TransformationChain chain, ConnectRecord record, RetryWithToleranceOperator? op = null) =>
        chain.Apply(record, op ?? Operator(false), new ProcessingContext());

    [Fact]
    public void Apply_TransformsInOrder_WithTheirPrefixedSettings()
    {
        using var chain = Chain(
            ("transforms", "a,b"),
            ("transforms.a.type", "PxSuffixTransform"), ("transforms.a.suffix", "-a"), ("transforms.a.times", "2"),
            ("transforms.b.type", "com.example.transforms.PxSuffix$Value"), ("transforms.b.suffix", "-b"));

        var result = Apply(chain, Record("orders", "v"));

        Assert.Equal("v-a-a-b", result!.Value);
        Assert.Equal(7, ((SinkRecord)result).KafkaOffset);
        Assert.Equal(["a", "b"], chain.Stages.Select(s => s.Alias));
    }

    [Theory]
    [InlineData("orders", "false", "v!")]
    [InlineData("payments", "false", "v")]
    [InlineData("orders", "true", "v")]
    [InlineData("payments", "true", "v!")]
    public void Apply_Predicate_GatesTheTransformAndNegateInvertsIt(string topic, string negate, string expected)
    {
        using var chain = Chain(
            ("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"),
            ("transforms.x.predicate", "isOrders"), ("transforms.x.negate", negate),
            ("predicates", "isOrders"), ("predicates.isOrders.type", "PxTopicIsPredicate"), ("predicates.isOrders.topic", "orders"));

        Assert.Equal(expected, Apply(chain, Record(topic, "v"))!.Value);
    }

    [Fact]
    public void Apply_TransformReturningNull_DropsTheRecord()
    {
        using var chain = Chain(("transforms", "drop,x"), ("transforms.drop.type", "PxDropTransform"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"));

        Assert.Null(Apply(chain, Record("orders", "v")));
    }

    [Fact]
    public void Apply_NoTransforms_ReturnsTheRecord()
    {
        using var chain = Chain();
        var record = Record("orders", "v");

        Assert.Same(record, Apply(chain, record));
    }

    [Fact]
    public void Apply_FailingTransformToleranceAll_SkipsAndMarksTheContext()
    {
        using var chain = Chain(("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"));
        var op = Operator(toleranceAll: true);
        var context = new ProcessingContext();

        Assert.Null(chain.Apply(Record("orders", "boom"), op, context));
        Assert.True(context.Failed);
        Assert.Equal(Stage.Transformation, context.Stage);
        Assert.Equal(typeof(PxSuffixTransform), context.ExecutingClass);
        Assert.IsType<DataException>(context.Error);
        Assert.Equal(1, op.TotalRecordsSkipped);
    }

    [Fact]
    public void Apply_FailingTransformToleranceNone_FailsTheTask()
    {
        using var chain = Chain(("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!"));

        var e = Assert.Throws<ConnectException>(() => Apply(chain, Record("orders", "boom")));

        Assert.Equal("Tolerance exceeded in error handler", e.Message);
        Assert.IsType<DataException>(e.InnerException);
    }

    [Fact]
    public void ConnectorConfig_TransformSettingOutOfRange_NamesTheSetting()
    {
        var config = new ConnectorConfig(TestPlugins.Registry, TestPlugins.Sink(("transforms", "x"), ("transforms.x.type", "PxSuffixTransform"), ("transforms.x.suffix", "!")), TestPlugins.NoWorkerDefaults);
        var props = new Dictionary<string, string>(config.Originals) { ["transforms.x.times"] = "0" };

        var e = Assert.Throws<ConfigException>(() => new ConnectorConfig(TestPlugins.Registry, props, TestPlugins.NoWorkerDefaults));

        Assert.Equal("transforms.x.times", e.Name);
    }
}
