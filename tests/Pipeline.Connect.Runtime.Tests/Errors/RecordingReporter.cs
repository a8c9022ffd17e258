using Pipeline.Connect.Runtime.Errors;

namespace Pipeline.Connect.Runtime.Tests.Errors;

internal sealed class RecordingReporter : IErrorReporter
{
    public List<(Stage Stage, Type? Class, Exception? Error)> Reports { get; } = [];

    public Task ReportAsync(ProcessingContext context)
    {
        Reports.Add((context.Stage, context.ExecutingClass, context.Error));
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
