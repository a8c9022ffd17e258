namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// What an operation releases once the records written up to <see cref="Offset"/> are durable:
/// its append callback, its response, and the parked requests it completed. Runs on the loop.
/// </summary>
internal sealed class PendingCompletion
{
    public long Offset { get; init; }

    public Action<Exception?>? Callback { get; init; }

    public Action? Respond { get; init; }

    public Action<Exception>? FailResponse { get; init; }

    public List<Action>? Completions { get; init; }

    /// <summary>Runs the callback, then answers, then the other completions. A throwing step is
    /// reported to <paramref name="onError"/> and does not stop the others.</summary>
    public void Complete(Exception? error, Action<Exception> onError)
    {
        Run(() => Callback?.Invoke(error), onError);
        if (error is null)
        {
            Run(Respond, onError);
        }
        else if (FailResponse is not null)
        {
            Run(() => FailResponse(error), onError);
        }

        if (Completions is not null)
        {
            foreach (var c in Completions)
            {
                Run(c, onError);
            }
        }
    }

    private static void Run(Action? action, Action<Exception> onError)
    {
        if (action is null)
        {
            return;
        }

        try
        {
            action();
        }
        catch (Exception e)
        {
            onError(e);
        }
    }
}
