namespace Pipeline.Testing.Processes;

/// <summary>A child process did not do what the test expected; the message carries its whole output.</summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException(string message, RunningProcess process)
        : base(Describe(message, process.Spec, process.Output))
    {
    }

    public ProcessFailedException(string message, ProcessSpec spec, string output)
        : base(Describe(message, spec, output))
    {
    }

    private static string Describe(string message, ProcessSpec spec, string output) =>
        $"{message}\ncommand: {spec}\n--- output ---\n{(output.Length == 0 ? "(none)" : output)}\n--- end of output ---";
}
