using Microsoft.Extensions.Logging;

namespace Pipeline.Storage;

/// <summary>
/// A recurring background task driven by the <see cref="TimeProvider"/>'s timers (thread-pool
/// timer callbacks with the system clock; the caller of Advance with a manual clock). A tick is
/// skipped while the previous run is still going; failures are logged, not thrown. Dispose stops
/// the timer and waits for a run in progress.
/// </summary>
internal sealed class PeriodicJob : IDisposable
{
    // System.Threading.Timer refuses due times above 0xfffffffe ms (~49.7 days); Kafka uses
    // Long.MAX_VALUE for "never", so anything that long never fires.
    private const long MaxTimerMs = 0xfffffffe;

    private readonly Lock _running = new();
    private readonly string _name;
    private readonly Action _work;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;
    private volatile bool _disposed;

    public PeriodicJob(string name, TimeProvider time, long initialDelayMs, long intervalMs, Action work, ILogger logger)
    {
        _name = name;
        _work = work;
        _logger = logger;
        if (intervalMs > 0 && intervalMs <= MaxTimerMs)
        {
            _timer = time.CreateTimer(
                static s => ((PeriodicJob)s!).Tick(),
                this,
                TimeSpan.FromMilliseconds(Math.Clamp(initialDelayMs, 0, MaxTimerMs)),
                TimeSpan.FromMilliseconds(intervalMs));
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _running.Enter();
        _running.Exit();
    }

    private void Tick()
    {
        if (_disposed || !_running.TryEnter())
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                _work();
            }
        }
        catch (Exception ex)
        {
            StorageLog.BackgroundTaskFailed(_logger, _name, ex);
        }
        finally
        {
            _running.Exit();
        }
    }
}
