namespace Pipeline.Client.Admin;

/// <summary>
/// A coordinator's answer for one group (internal): <see cref="Error"/> is the group-level error,
/// or a retriable partition-level one that makes the whole group be asked again.
/// </summary>
internal sealed record GroupAnswer<TItem>(KafkaError Error, IReadOnlyList<TItem> Items) : IAdminResult;
