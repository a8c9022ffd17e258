namespace Pipeline.Cli.Tools;

/// <summary>
/// A failure the tool explains itself: the message says what went wrong and what to do, and is
/// printed as is (no stack trace). <see cref="ExitCode"/> is 1, or 2 for a wrong command line.
/// </summary>
public sealed class ToolException : Exception
{
    public ToolException(string message, int exitCode = ExitCodes.Error, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public ToolException()
        : this("the tool failed")
    {
    }

    public ToolException(string message)
        : this(message, ExitCodes.Error)
    {
    }

    public ToolException(string message, Exception innerException)
        : this(message, ExitCodes.Error, innerException)
    {
    }

    public int ExitCode { get; }

    public static ToolException Usage(string message) => new(message, ExitCodes.Usage);
}
