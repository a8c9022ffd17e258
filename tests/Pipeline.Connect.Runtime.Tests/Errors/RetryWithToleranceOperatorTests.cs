using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Tests.Plugins;
using Pipeline.Testing.Time;

namespace Pipeline.Connect.Runtime.Tests.Errors;

public class RetryWithToleranceOperatorTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingReporter _reporter = new();
    private readonly List<long> _sleeps = [];

    private RetryWithToleranceOperator Operator(long retryTimeoutMs, long retryDelayMaxMs, bool toleranceAll)
    {
        var op = new RetryWithToleranceOperator(retryTimeoutMs, retryDelayMaxMs, toleranceAll, _time, [_reporter]);
        op.Sleep = delay =>
        {
            _sleeps.Add((long)delay.TotalMilliseconds);
            _time.Advance(delay);
        };
        return op;
    }

    private static Func<string> FailTimes(int failures, Func<Exception> error)
    {
        var calls = 0;
        return () => ++calls <= failures ? throw error() : "ok";
    }

    [Fact]
    public void Execute_Success_ReturnsResultWithoutReports()
    {
        var op = Operator(0, 60000, toleranceAll: false);
        var context = new ProcessingContext();

        Assert.Equal("ok", op.Execute(context, Stage.ValueConverter, typeof(string), () => "ok"));
        Assert.False(context.Failed);
        Assert.Empty(_reporter.Reports);
        Assert.Equal(0, op.TotalRecordFailures);
    }

    [Fact]
    public void Execute_RetriableThenSuccess_BacksOffExponentially()
    {
        var op = Operator(60000, 60000, toleranceAll: false);
        var context = new ProcessingContext();

        var result = op.Execute(context, Stage.KeyConverter, typeof(string), FailTimes(3, () => new RetriableException("later")));

        Assert.Equal("ok", result);
        Assert.Equal([300, 600, 1200], _sleeps);
        Assert.Equal(3, op.TotalRetries);
        Assert.Equal(3, op.TotalRecordFailures);
        Assert.Equal(0, op.TotalRecordErrors);
        Assert.Equal(4, context.Attempt);
        Assert.False(context.Failed);
    }

    [Fact]
    public void Execute_RetriesPastTimeout_GiveUpAndSkipUnderToleranceAll()
    {
        var op = Operator(1000, 60000, toleranceAll: true);
        var context = new ProcessingContext();

        var result = op.Execute(context, Stage.ValueConverter, typeof(string), FailTimes(100, () => new RetriableException("still down")));

        Assert.Null(result);
        Assert.Equal([300, 600, 100], _sleeps);
        Assert.True(context.Failed);
        Assert.IsType<RetriableException>(context.Error);
        Assert.Equal(1, op.TotalRecordsSkipped);
        Assert.Equal(1, op.TotalRecordErrors);
        Assert.Single(_reporter.Reports);
    }

    [Fact]
    public void Execute_RetryTimeoutZero_DoesNotRetry()
    {
        var op = Operator(0, 60000, toleranceAll: true);

        Assert.Null(op.Execute(new ProcessingContext(), Stage.Transformation, typeof(string), FailTimes(1, () => new RetriableException("x"))));
        Assert.Empty(_sleeps);
        Assert.Equal(0, op.TotalRetries);
    }

    [Fact]
    public void Execute_DelayAboveMax_IsRandomBelowTheMax()
    {
        var op = Operator(-1, 500, toleranceAll: false);

        Assert.Equal("ok", op.Execute(new ProcessingContext(), Stage.ValueConverter, typeof(string), FailTimes(5, () => new RetriableException("x"))));
        Assert.Equal(300, _sleeps[0]);
        Assert.All(_sleeps.Skip(1), d => Assert.InRange(d, 0, 499));
        Assert.Equal(5, _sleeps.Count);
    }

    [Fact]
    public void Execute_ToleranceNone_ReportsThenThrowsToleranceExceeded()
    {
        var op = Operator(0, 60000, toleranceAll: false);
        var context = new ProcessingContext();
        var error = new DataException("bad bytes");

        var e = Assert.Throws<ConnectException>(() => op.Execute<string>(context, Stage.ValueConverter, typeof(int), () => throw error));

        Assert.Equal("Tolerance exceeded in error handler", e.Message);
        Assert.Same(error, e.InnerException);
        Assert.Equal((Stage.ValueConverter, typeof(int), (Exception?)error), Assert.Single(_reporter.Reports));
        Assert.True(context.Failed);
    }

    [Fact]
    public void Execute_ToleranceAllNonRetriableInConverter_SkipsTheRecord()
    {
        var op = Operator(60000, 60000, toleranceAll: true);
        var context = new ProcessingContext();

        Assert.Null(op.Execute<string>(context, Stage.HeaderConverter, typeof(int), () => throw new InvalidOperationException("x")));
        Assert.Empty(_sleeps);
        Assert.True(RetryWithToleranceOperator.Failed(context));
        Assert.Equal(1, op.TotalRecordsSkipped);
    }

    [Fact]
    public void Execute_NonRetriableInTaskStage_IsNeverTolerated()
    {
        var op = Operator(0, 60000, toleranceAll: true);

        var e = Assert.Throws<ConnectException>(() => op.Execute<string>(new ProcessingContext(), Stage.Task, typeof(int), () => throw new InvalidOperationException("x")));

        Assert.Equal("Unhandled exception in error handler", e.Message);
    }

    [Fact]
    public void Execute_ContextAlreadyFailed_RunsNothing()
    {
        var op = Operator(0, 60000, toleranceAll: true);
        var context = new ProcessingContext();
        op.Execute<string>(context, Stage.KeyConverter, typeof(int), () => throw new DataException("x"));
        var ran = false;

        Assert.Null(op.Execute(context, Stage.ValueConverter, typeof(int), () => { ran = true; return "v"; }));
        Assert.False(ran);
        Assert.Equal(Stage.KeyConverter, context.Stage);
    }

    [Fact]
    public void Operator_FromConnectorConfig_TakesItsErrorSettings()
    {
        var config = new ConnectorConfig(TestPlugins.Registry, TestPlugins.Sink(("errors.tolerance", "all"), ("errors.retry.timeout", "10"), ("errors.retry.delay.max.ms", "5")), TestPlugins.NoWorkerDefaults);

        var op = new RetryWithToleranceOperator(config, _time, []);

        Assert.True(op.ToleranceAll);
        Assert.Equal(10, op.RetryTimeoutMs);
        Assert.Equal(5, op.RetryDelayMaxMs);
    }

    [Fact]
    public void ExecuteFailed_ToleranceAll_ReportsAndCounts()
    {
        var op = Operator(0, 60000, toleranceAll: true);
        var context = new ProcessingContext();

        var reported = op.ExecuteFailed(context, Stage.TaskPut, typeof(int), new DataException("errant"));

        Assert.True(reported.IsCompletedSuccessfully);
        Assert.Single(_reporter.Reports);
        Assert.Equal(1, op.TotalRecordsSkipped);
    }
}
