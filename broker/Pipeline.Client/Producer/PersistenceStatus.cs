namespace Pipeline.Client.Producer;

/// <summary>Whether a record is in the log, as far as the producer knows.</summary>
public enum PersistenceStatus
{
    /// <summary>Never sent, or the broker said it did not write it.</summary>
    NotPersisted = 0,

    /// <summary>Sent, but no answer came back (a timeout or a lost connection).</summary>
    PossiblyPersisted = 1,

    /// <summary>Acknowledged by the broker.</summary>
    Persisted = 2,
}
