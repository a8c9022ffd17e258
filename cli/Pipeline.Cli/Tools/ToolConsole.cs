using System.Text;

namespace Pipeline.Cli.Tools;

/// <summary>
/// Where a tool reads and writes: the process's standard streams, or strings in tests. Results go
/// to <see cref="Out"/>; progress, warnings and errors to <see cref="Error"/>. A live progress
/// line (rewritten with '\r') is drawn only when <see cref="IsErrorTerminal"/>.
/// </summary>
public sealed class ToolConsole
{
    public ToolConsole(TextWriter output, TextWriter error, TextReader? input = null, bool isErrorTerminal = false)
    {
        Out = output;
        Error = error;
        In = input ?? TextReader.Null;
        IsErrorTerminal = isErrorTerminal;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    public bool IsErrorTerminal { get; }

    /// <summary>
    /// The process's streams. Standard output is buffered (a consumer printing a million records
    /// must not make a system call per line): tools flush it after each batch and at exit.
    /// </summary>
    public static ToolConsole FromProcess()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { AutoFlush = false };
        var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        return new ToolConsole(stdout, Console.Error, stdin, isErrorTerminal: !Console.IsErrorRedirected);
    }
}
