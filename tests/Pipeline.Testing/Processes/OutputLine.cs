namespace Pipeline.Testing.Processes;

/// <summary>One line a child process printed, with the stream it came from and when.</summary>
public readonly record struct OutputLine(bool IsError, string Text, TimeSpan Elapsed)
{
    public override string ToString() => $"[{Elapsed.TotalSeconds,7:F3}s {(IsError ? "err" : "out")}] {Text}";
}
