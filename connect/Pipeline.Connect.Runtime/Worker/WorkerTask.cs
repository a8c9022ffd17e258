using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// One running task: its loop runs on its own long-running task (<see cref="Start"/>), owns the
/// plugin task and its clients, and reports its state to the <see cref="IStatusListener"/>. Any
/// exception out of the loop marks it FAILED with the full trace and ends the loop; the worker
/// keeps running. Other threads only call <see cref="TransitionTo"/>, <see cref="Stop"/> and
/// <see cref="AwaitStopAsync"/>.
/// </summary>
internal abstract class WorkerTask
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();
    private TaskCompletionSource _stateChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TargetState _target;
    private Task _run = Task.CompletedTask;

    protected WorkerTask(ConnectorTaskId id, TargetState initial, IStatusListener listener, ILogger logger)
    {
        Id = id;
        _target = initial;
        Listener = listener;
        Logger = logger;
    }

    public ConnectorTaskId Id { get; }

    /// <summary>Whether the loop ended with a failure.</summary>
    public bool Failed { get; private set; }

    protected IStatusListener Listener { get; }

    protected ILogger Logger { get; }

    /// <summary>Cancelled when the task is asked to stop.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    protected bool IsStopping => _stopping.IsCancellationRequested;

    protected TargetState Target
    {
        get
        {
            lock (_stateLock)
            {
                return _target;
            }
        }
    }

    /// <summary>Completes when the target state changes (or the task stops); take it before checking <see cref="Target"/>.</summary>
    protected Task StateChanged
    {
        get
        {
            lock (_stateLock)
            {
                return _stateChanged.Task;
            }
        }
    }

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public void TransitionTo(TargetState state)
    {
        TaskCompletionSource changed;
        lock (_stateLock)
        {
            if (_target == state)
            {
                return;
            }

            _target = state;
            changed = _stateChanged;
            _stateChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Stop()
    {
        _stopping.Cancel();
        lock (_stateLock)
        {
            _stateChanged.TrySetResult();
        }
    }

    /// <summary>Waits for the loop to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> AwaitStopAsync(TimeSpan timeout)
    {
        try
        {
            await _run.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch
        {
            return true;
        }
    }

    /// <summary>Creates and starts the plugin task and its clients (on the task's thread).</summary>
    protected abstract Task InitializeAndStartAsync();

    /// <summary>The loop; returns when <see cref="Stopping"/> is cancelled.</summary>
    protected abstract Task ExecuteAsync();

    /// <summary>Stops the plugin task and releases the clients; called once, also after a failure.</summary>
    protected abstract Task CloseAsync();

    private async Task RunAsync()
    {
        try
        {
            await InitializeAndStartAsync().ConfigureAwait(false);
            if (!IsStopping)
            {
                Listener.OnTaskStartup(Id);
                await ExecuteAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (IsStopping)
        {
        }
        catch (Exception e)
        {
            Failed = true;
            Logger.LogError(e, "{Task} threw an uncaught and unrecoverable exception; it will not recover until restarted", Id);
            Listener.OnTaskFailure(Id, e.ToString());
        }

        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "{Task} failed to close cleanly", Id);
        }

        if (!Failed)
        {
            Listener.OnTaskShutdown(Id);
        }

    }
}
