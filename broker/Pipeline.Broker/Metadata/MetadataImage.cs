using System.Collections.Immutable;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Metadata;

/// <summary>
/// A consistent snapshot of the cluster metadata (Kafka's MetadataImage): readers take the current
/// image once per request and never see a half-applied change. Changes produce a new image.
/// </summary>
public sealed class MetadataImage
{
    public static readonly MetadataImage Empty = new(string.Empty, ImmutableDictionary<string, TopicImage>.Empty.WithComparers(StringComparer.Ordinal), ImmutableDictionary<Uuid, TopicImage>.Empty, 0);

    private MetadataImage(string clusterId, ImmutableDictionary<string, TopicImage> byName, ImmutableDictionary<Uuid, TopicImage> byId, long epoch)
    {
        ClusterId = clusterId;
        TopicsByName = byName;
        TopicsById = byId;
        Epoch = epoch;
    }

    public string ClusterId { get; }

    /// <summary>Bumped on every change.</summary>
    public long Epoch { get; }

    public ImmutableDictionary<string, TopicImage> TopicsByName { get; }

    public ImmutableDictionary<Uuid, TopicImage> TopicsById { get; }

    public MetadataImage WithClusterId(string clusterId) => new(clusterId, TopicsByName, TopicsById, Epoch + 1);

    public MetadataImage WithTopic(TopicImage topic)
    {
        var byName = TopicsByName.SetItem(topic.Name, topic);
        var byId = TopicsById;
        if (TopicsByName.TryGetValue(topic.Name, out var old) && old.TopicId != topic.TopicId)
        {
            byId = byId.Remove(old.TopicId);
        }

        return new MetadataImage(ClusterId, byName, byId.SetItem(topic.TopicId, topic), Epoch + 1);
    }

    public MetadataImage WithoutTopic(string name) =>
        TopicsByName.TryGetValue(name, out var old)
            ? new MetadataImage(ClusterId, TopicsByName.Remove(name), TopicsById.Remove(old.TopicId), Epoch + 1)
            : this;
}
