using Microsoft.Extensions.Logging;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Testing.Time;

namespace Pipeline.Connect.Runtime.Tests.Errors;

public class LogReporterTests
{
    private static readonly ConsumedRecord Consumed = new("orders", 2, 41, 1700000000000, [1], [2], []);

    private static ProcessingContext Fail(ProcessingContext context)
    {
        var op = new RetryWithToleranceOperator(0, 0, toleranceAll: true, new ManualTimeProvider(), []);
        op.Execute<string>(context, Stage.ValueConverter, typeof(LogReporterTests), () => throw new DataException("bad"));
        return context;
    }

    [Fact]
    public async Task ReportAsync_Enabled_LogsKafkasMessageAtError()
    {
        var logger = new CapturingLogger();
        using var reporter = new LogReporter(new ConnectorTaskId("sink", 3), enabled: true, includeMessages: false, logger);

        await reporter.ReportAsync(Fail(new ProcessingContext(Consumed)));

        var (level, message, error) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Equal($"Error encountered in task sink-3. Executing stage 'VALUE_CONVERTER' with class '{typeof(LogReporterTests).FullName}'.", message);
        Assert.IsType<DataException>(error);
        Assert.Equal(1, reporter.Logged);
    }

    [Fact]
    public async Task ReportAsync_IncludeMessages_AddsTheConsumedRecordsCoordinates()
    {
        var logger = new CapturingLogger();
        using var reporter = new LogReporter(new ConnectorTaskId("sink", 0), enabled: true, includeMessages: true, logger);

        await reporter.ReportAsync(Fail(new ProcessingContext(Consumed)));

        Assert.EndsWith(
            "where consumed record is {topic='orders', partition=2, offset=41, timestamp=1700000000000, timestampType=CreateTime}.",
            Assert.Single(logger.Entries).Message);
    }

    [Fact]
    public async Task ReportAsync_Disabled_LogsNothing()
    {
        var logger = new CapturingLogger();
        using var reporter = new LogReporter(new ConnectorTaskId("sink", 0), enabled: false, includeMessages: true, logger);

        await reporter.ReportAsync(Fail(new ProcessingContext(Consumed)));

        Assert.Empty(logger.Entries);
    }
}
