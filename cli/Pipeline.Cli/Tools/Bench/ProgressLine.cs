namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// A status line redrawn in place on stderr ('\r') twice a second while a long run goes on, and
/// erased at the end. Only on a terminal: in a pipe or a log file it would be noise.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly TextWriter _error;
    private readonly Func<string> _render;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _width;

    private ProgressLine(TextWriter error, Func<string> render)
    {
        _error = error;
        _render = render;
        _loop = RunAsync();
    }

    /// <summary>Starts the line when <paramref name="console"/>'s stderr is a terminal; otherwise a no-op.</summary>
    public static IAsyncDisposable Start(ToolConsole console, Func<string> render) =>
        console.IsErrorTerminal ? new ProgressLine(console.Error, render) : NoProgress.Instance;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _error.WriteAsync("\r" + new string(' ', _width) + "\r").ConfigureAwait(false);
        await _error.FlushAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var text = _render();
            var pad = Math.Max(0, _width - text.Length);
            _width = Math.Max(_width, text.Length);
            await _error.WriteAsync("\r" + text + new string(' ', pad)).ConfigureAwait(false);
            await _error.FlushAsync().ConfigureAwait(false);
        }
    }

    private sealed class NoProgress : IAsyncDisposable
    {
        public static readonly NoProgress Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
