namespace Pipeline.Client.Admin;

/// <summary>
/// An admin operation on several items in which at least one failed. <see cref="Results"/> holds
/// every item's outcome (successes too), in request order; the exception's code is the first failure's.
/// </summary>
public sealed class AdminOperationException<TResult> : KafkaException
{
    public AdminOperationException(string operation, KafkaError firstError, IReadOnlyList<TResult> results, int failures)
        : base(firstError.Code, $"{operation}: {failures} of {results.Count} failed; first: {firstError.Message ?? firstError.ToString()}")
    {
        Results = results;
    }

    public IReadOnlyList<TResult> Results { get; }
}
