namespace Pipeline.Client.Producer;

/// <summary>A send waiting for its topic's metadata: where it goes, the user's message (untyped) and its callback.</summary>
internal sealed record PendingSend(string Topic, int Partition, object Message, object? Callback, CancellationToken CancellationToken);
