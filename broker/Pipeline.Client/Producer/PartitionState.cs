namespace Pipeline.Client.Producer;

/// <summary>
/// What the sender loop knows about one partition: batches in flight, and with idempotence the
/// next sequence to hand out and the last one the broker acknowledged. Loop-owned.
/// </summary>
internal sealed class PartitionState
{
    public int InFlight { get; set; }

    public int NextSequence { get; set; }

    public int LastAckedSequence { get; set; } = -1;

    /// <summary>The sequence the broker expects next (wraps after int.MaxValue).</summary>
    public int ExpectedSequence => LastAckedSequence == int.MaxValue ? 0 : LastAckedSequence + 1;

    public void ResetSequences()
    {
        NextSequence = 0;
        LastAckedSequence = -1;
    }

    /// <summary>Hands out <paramref name="count"/> sequences and returns the first.</summary>
    public int TakeSequences(int count)
    {
        var first = NextSequence;
        NextSequence = (int)(((long)NextSequence + count) % ((long)int.MaxValue + 1));
        return first;
    }
}
