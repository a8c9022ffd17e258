namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>The harness runs everything on the test thread: a task is either done or parked.</summary>
internal static class CompletedTask
{
    /// <summary>The result of a task that must have completed.</summary>
    public static T Value<T>(this Task<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException($"the task is {task.Status}, not completed");
}
