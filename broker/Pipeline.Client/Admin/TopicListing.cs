using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Admin;

public sealed record TopicListing(string Name, Uuid TopicId, bool IsInternal);
