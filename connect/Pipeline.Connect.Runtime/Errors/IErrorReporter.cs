namespace Pipeline.Connect.Runtime.Errors;

/// <summary>Handles a failed record: logs it, writes it to the dead letter queue, ...</summary>
public interface IErrorReporter : IDisposable
{
    /// <summary>Reports <paramref name="context"/> (whose <see cref="ProcessingContext.Error"/> is set); completes when reported.</summary>
    Task ReportAsync(ProcessingContext context);
}
