namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>Shorthands for results.</summary>
public static class CoordinatorResults
{
    public static CoordinatorResult<TRecord, TResponse> Of<TRecord, TResponse>(TResponse response)
        where TRecord : class => new([], response);

    public static CoordinatorResult<TRecord, NoResponse> Empty<TRecord>()
        where TRecord : class => new([], default);

    public static CoordinatorResult<TRecord, NoResponse> Records<TRecord>(IReadOnlyList<TRecord> records, bool replayRecords = true, Action<Exception?>? appendCallback = null)
        where TRecord : class => new(records, default, replayRecords, appendCallback);
}
