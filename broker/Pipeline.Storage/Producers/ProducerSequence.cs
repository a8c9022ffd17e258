namespace Pipeline.Storage.Producers;

/// <summary>
/// Sequence arithmetic of the idempotent producer: sequences are per producer and partition,
/// start at 0, advance by the record count and wrap from int.MaxValue to 0 (reference 9.1).
/// -1 means "no sequence".
/// </summary>
public static class ProducerSequence
{
    public const int NoSequence = -1;

    public const short NoProducerEpoch = -1;

    public const long NoProducerId = -1;

    /// <summary>The sequence <paramref name="increment"/> records after <paramref name="sequence"/>, wrapping past int.MaxValue.</summary>
    public static int Increment(int sequence, int increment) =>
        sequence > int.MaxValue - increment ? increment - (int.MaxValue - sequence) - 1 : sequence + increment;

    /// <summary>The sequence <paramref name="decrement"/> records before <paramref name="sequence"/>, wrapping below 0.</summary>
    public static int Decrement(int sequence, int decrement) =>
        sequence < decrement ? int.MaxValue - (decrement - sequence) + 1 : sequence - decrement;

    /// <summary>True when <paramref name="next"/> directly follows <paramref name="last"/> (0 follows int.MaxValue).</summary>
    public static bool InSequence(int last, int next) =>
        next == (long)last + 1 || (next == 0 && last == int.MaxValue);
}
