namespace Pipeline.Client;

/// <summary>A record to produce (or one consumed): key, value, optional headers and timestamp.</summary>
public class Message<TKey, TValue>
{
    public TKey Key { get; set; } = default!;

    public TValue Value { get; set; } = default!;

    /// <summary><c>default</c> lets the producer stamp the time of the send.</summary>
    public Timestamp Timestamp { get; set; }

    public Headers? Headers { get; set; }
}
