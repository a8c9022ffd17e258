namespace Pipeline.Client.Producer;

/// <summary>What an append did: whether the sender should wake (a new or full batch), or that it needed a new batch and was asked not to create one (sticky partitioning).</summary>
internal readonly record struct AppendResult(bool Appended, bool NewBatchCreated, bool BatchIsFull)
{
    public static AppendResult AbortedForNewBatch => new(false, false, false);

    public bool WakeSender => NewBatchCreated || BatchIsFull;
}
