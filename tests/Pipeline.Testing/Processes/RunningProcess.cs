using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Testing.Processes;

/// <summary>
/// A child process started by a test. Every stdout/stderr line is kept (thread-safe) so a failure
/// message can show what the process said. Disposing always kills the whole process tree if it is
/// still running, so a failing test never leaks a broker or a client.
/// <para>
/// Threads: the output lines arrive on thread-pool threads (the Process events); every access to
/// <see cref="_lines"/> and <see cref="_waiters"/> holds <see cref="_lock"/>.
/// </para>
/// </summary>
public sealed class RunningProcess : IDisposable, IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly object _lock = new();
    private readonly List<OutputLine> _lines = [];
    private readonly List<LineWaiter> _waiters = [];
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    internal RunningProcess(ProcessSpec spec)
    {
        Spec = spec;
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = spec.RedirectStandardInput,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in spec.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in spec.Environment)
        {
            if (v is null)
            {
                info.Environment.Remove(k);
            }
            else
            {
                info.Environment[k] = v;
            }
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(isError: false, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(isError: true, e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult();
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _process.Dispose();
            throw new InvalidOperationException($"cannot start {spec}: {e.Message}", e);
        }

        Id = _process.Id;
        if (_process.HasExited)
        {
            _exited.TrySetResult();
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ProcessSpec Spec { get; }

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only valid once <see cref="HasExited"/>. 137 = SIGKILL, 143 = SIGTERM.</summary>
    public int ExitCode => _process.ExitCode;

    public StreamWriter StandardInput => _process.StandardInput;

    public IReadOnlyList<OutputLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything printed so far, one line each, for failure messages.</summary>
    public string Output => string.Join('\n', Lines);

    public string StandardOutputText => string.Join('\n', Lines.Where(l => !l.IsError).Select(l => l.Text));

    public string StandardErrorText => string.Join('\n', Lines.Where(l => l.IsError).Select(l => l.Text));

    /// <summary>
    /// Waits for a line (already printed or still to come) that matches. Fails with the whole output
    /// when the process exits first or the timeout passes.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waiter = new LineWaiter(predicate);
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                if (predicate(line.Text))
                {
                    return line.Text;
                }
            }

            if (_stdoutClosed.Task.IsCompleted && _stderrClosed.Task.IsCompleted)
            {
                throw new ProcessFailedException($"{Spec.Name} (pid {Id}) exited before printing the expected line", this);
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Line.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ProcessFailedException($"{Spec.Name} (pid {Id}) did not print the expected line within {timeout.TotalSeconds:F1}s", this);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for the exit (and the end of its output); fails with the output on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // Not Process.WaitForExitAsync: it also waits for the output pipes to close, which never
        // happens while a grandchild that inherited them lives on.
        try
        {
            await _exited.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ProcessFailedException($"{Spec.Name} (pid {Id}) did not exit within {timeout.TotalSeconds:F1}s", this);
        }

        // Output of a process that exited may still be in flight; give the pipes a moment to drain.
        try
        {
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds stdout/stderr open; what arrived so far is all we report.
        }

        _process.WaitForExit(1000);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM and waits for the exit; kills the tree and fails if it takes longer than the timeout.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            Signal(SigTerm);
        }

        try
        {
            return await WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException)
        {
            Kill();
            throw new ProcessFailedException($"{Spec.Name} (pid {Id}) ignored SIGTERM for {timeout.TotalSeconds:F1}s and was killed", this);
        }
    }

    /// <summary>SIGKILL to the process and all its descendants; returns once it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    /// <summary>Sends a POSIX signal to the process itself (not its children).</summary>
    public void Signal(int signal)
    {
        if (kill(Id, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (!_process.HasExited)
            {
                throw new InvalidOperationException($"kill({Id}, {signal}) failed with errno {errno}");
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Spec.Name} (pid {Id})";

    private void OnLine(bool isError, string? text)
    {
        List<LineWaiter>? matched = null;
        List<LineWaiter>? orphaned = null;
        lock (_lock)
        {
            if (text is null)
            {
                (isError ? _stderrClosed : _stdoutClosed).TrySetResult();
                if (_stdoutClosed.Task.IsCompleted && _stderrClosed.Task.IsCompleted)
                {
                    orphaned = [.. _waiters];
                }
            }
            else
            {
                _lines.Add(new OutputLine(isError, text, _clock.Elapsed));
                foreach (var w in _waiters)
                {
                    if (w.Predicate(text))
                    {
                        (matched ??= []).Add(w);
                        w.Matched = text;
                    }
                }
            }
        }

        // Complete outside the lock: continuations run asynchronously anyway, but keep it simple.
        foreach (var w in matched ?? [])
        {
            w.Line.TrySetResult(w.Matched!);
        }

        foreach (var w in orphaned ?? [])
        {
            w.Line.TrySetException(new ProcessFailedException($"{Spec.Name} (pid {Id}) closed its output before printing the expected line", this));
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private sealed class LineWaiter(Func<string, bool> predicate)
    {
        public Func<string, bool> Predicate { get; } = predicate;

        public TaskCompletionSource<string> Line { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Matched { get; set; }
    }
}
