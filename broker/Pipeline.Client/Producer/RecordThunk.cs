namespace Pipeline.Client.Producer;

/// <summary>
/// What to tell whom when one record of a batch is done: the record's index in the batch, its
/// create time, the callback object (a delivery handler or a ProduceAsync completion) and the
/// user's message. Only records that have a callback get one.
/// </summary>
internal readonly record struct RecordThunk(int Index, long Timestamp, object Callback, object? Message);
