using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Config;

namespace Pipeline.Connect.Runtime.Errors;

/// <summary>
/// Runs a task's per-record operations (conversions, transformations, the task's own calls) with
/// Kafka Connect's error handling. A <see cref="RetriableException"/> is retried with exponential
/// backoff (300 ms doubling, capped by <c>errors.retry.delay.max.ms</c>) until
/// <c>errors.retry.timeout</c> (-1 = forever) has passed. A failure that is final is reported to
/// every reporter; then with <c>errors.tolerance=all</c> the record is skipped (the operation
/// returns default and the context is failed), and with <c>none</c> a ConnectException
/// "Tolerance exceeded in error handler" is thrown. Converters and transformations may fail with
/// anything; other stages tolerate only (exhausted) retriable errors, anything else is thrown as
/// "Unhandled exception in error handler". Thread-safe: a task's threads may share one.
/// </summary>
public sealed class RetryWithToleranceOperator
{
    /// <summary>The first backoff, doubled on each retry.</summary>
    public const long RetriesDelayMinMs = 300;

    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IErrorReporter> _reporters;
    private readonly Lock _lock = new();
    private long _totalFailures;
    private long _totalErrors;
    private long _skipped;
    private long _retries;

    /// <summary>An operator with the connector's <c>errors.*</c> settings.</summary>
    public RetryWithToleranceOperator(ConnectorConfig config, TimeProvider time, IReadOnlyList<IErrorReporter> reporters)
        : this(config.RetryTimeoutMs, config.RetryDelayMaxMs, config.ErrorsToleranceAll, time, reporters)
    {
    }

    /// <summary>An operator with explicit settings.</summary>
    public RetryWithToleranceOperator(long retryTimeoutMs, long retryDelayMaxMs, bool toleranceAll, TimeProvider time, IReadOnlyList<IErrorReporter> reporters)
    {
        RetryTimeoutMs = retryTimeoutMs;
        RetryDelayMaxMs = retryDelayMaxMs;
        ToleranceAll = toleranceAll;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _reporters = reporters ?? [];
        Sleep = SleepOnClock;
    }

    /// <summary><c>errors.retry.timeout</c>: how long a retriable failure is retried (0 = never, -1 = forever).</summary>
    public long RetryTimeoutMs { get; }

    /// <summary><c>errors.retry.delay.max.ms</c>.</summary>
    public long RetryDelayMaxMs { get; }

    /// <summary><c>errors.tolerance=all</c>.</summary>
    public bool ToleranceAll { get; }

    /// <summary>The reporters failures go to.</summary>
    public IReadOnlyList<IErrorReporter> Reporters => _reporters;

    /// <summary>
    /// Waits between retries on the calling thread; by default a delay on the time provider. Tests
    /// with a manual clock set it to advance the clock.
    /// </summary>
    public Action<TimeSpan> Sleep { get; set; }

    /// <summary>Cancels retry backoffs (the task is stopping): the operation fails with its last error.</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Failed attempts, including retried ones (Kafka's total-record-failures).</summary>
    public long TotalRecordFailures => Interlocked.Read(ref _totalFailures);

    /// <summary>Records that failed for good (Kafka's total-record-errors).</summary>
    public long TotalRecordErrors => Interlocked.Read(ref _totalErrors);

    /// <summary>Records skipped under <c>errors.tolerance=all</c> (Kafka's total-records-skipped).</summary>
    public long TotalRecordsSkipped => Interlocked.Read(ref _skipped);

    /// <summary>Retries made (Kafka's total-retries).</summary>
    public long TotalRetries => Interlocked.Read(ref _retries);

    /// <summary>When the last failure happened.</summary>
    public DateTimeOffset? LastErrorTimestamp { get; private set; }

    /// <summary>Whether the context's record has failed.</summary>
    public static bool Failed(ProcessingContext context) => context.Failed;

    /// <summary>
    /// Runs <paramref name="operation"/> for the context's record. Returns its result, or default
    /// when the record is skipped (or already failed in an earlier stage: nothing runs then).
    /// </summary>
    public T? Execute<T>(ProcessingContext context, Stage stage, Type executingClass, Func<T> operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        return Execute(context, stage, executingClass, operation, static op => op());
    }

    /// <summary>
    /// <see cref="Execute{T}(ProcessingContext, Stage, Type, Func{T})"/> with the operation's input
    /// passed in: per-record callers hand a static lambda and a struct state, so the success path
    /// allocates no closure.
    /// </summary>
    public T? Execute<TState, T>(ProcessingContext context, Stage stage, Type executingClass, TState state, Func<TState, T> operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        if (context.Failed)
        {
            return default;
        }

        context.Stage = stage;
        context.ExecutingClass = executingClass;
        var start = _time.GetTimestamp();
        var attempt = 0;
        while (true)
        {
            attempt++;
            context.Attempt = attempt;
            try
            {
                return operation(state);
            }
            catch (RetriableException) when (CanRetry(start) && !Stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _totalFailures);
                Backoff(attempt, start);
                Interlocked.Increment(ref _retries);
            }
            catch (Exception e)
            {
                return Fail<T>(context, stage, e);
            }
        }
    }

    /// <summary>
    /// Records a failure that happened outside <see cref="Execute{T}(ProcessingContext, Stage, Type, Func{T})"/> (e.g. a sink task's errant
    /// record report or a failed produce); reports it and throws unless tolerance is all.
    /// </summary>
    public Task ExecuteFailed(ProcessingContext context, Stage stage, Type executingClass, Exception error)
    {
        context.Stage = stage;
        context.ExecutingClass = executingClass;
        context.Error = error;
        MarkFailed();
        Interlocked.Increment(ref _totalErrors);
        context.Reported = Report(context);
        if (!ToleranceAll)
        {
            throw new ConnectException("Tolerance exceeded in error handler", error);
        }

        Interlocked.Increment(ref _skipped);
        return context.Reported;
    }

    private void SleepOnClock(TimeSpan delay)
    {
        try
        {
            Task.Delay(delay, _time, Stopping).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next attempt runs at once and CanRetry's caller sees Stopping.
        }
    }

    private static bool IsTolerable(Stage stage, Exception error) =>
        stage is Stage.KeyConverter or Stage.ValueConverter or Stage.HeaderConverter or Stage.Transformation || error is RetriableException;

    private T? Fail<T>(ProcessingContext context, Stage stage, Exception error)
    {
        context.Error = error;
        MarkFailed();
        Interlocked.Increment(ref _totalErrors);
        context.Reported = Report(context);
        if (!IsTolerable(stage, error))
        {
            throw new ConnectException("Unhandled exception in error handler", error);
        }

        if (!ToleranceAll)
        {
            throw new ConnectException("Tolerance exceeded in error handler", error);
        }

        Interlocked.Increment(ref _skipped);
        return default;
    }

    private void MarkFailed()
    {
        Interlocked.Increment(ref _totalFailures);
        lock (_lock)
        {
            LastErrorTimestamp = _time.GetUtcNow();
        }
    }

    private Task Report(ProcessingContext context)
    {
        if (_reporters.Count == 0)
        {
            return Task.CompletedTask;
        }

        var tasks = new List<Task>(_reporters.Count);
        foreach (var reporter in _reporters)
        {
            try
            {
                tasks.Add(reporter.ReportAsync(context));
            }
            catch (Exception e)
            {
                tasks.Add(Task.FromException(e));
            }
        }

        return tasks.Count == 1 ? tasks[0] : Task.WhenAll(tasks);
    }

    private bool CanRetry(long start) =>
        RetryTimeoutMs < 0 || _time.GetElapsedTime(start).TotalMilliseconds < RetryTimeoutMs;

    private void Backoff(int attempt, long start)
    {
        var delay = attempt - 1 >= 20 ? long.MaxValue : RetriesDelayMinMs << (attempt - 1);
        if (delay > RetryDelayMaxMs)
        {
            // As Kafka: past the cap, a random delay below it spreads the retries of many tasks.
            delay = RetryDelayMaxMs <= 0 ? 0 : Random.Shared.NextInt64(RetryDelayMaxMs);
        }

        if (RetryTimeoutMs >= 0)
        {
            var left = RetryTimeoutMs - (long)_time.GetElapsedTime(start).TotalMilliseconds;
            delay = Math.Max(0, Math.Min(delay, left));
        }

        if (delay > 0)
        {
            Sleep(TimeSpan.FromMilliseconds(delay));
        }
    }
}
