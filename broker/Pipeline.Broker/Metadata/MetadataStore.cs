using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Storage.IO;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Metadata;

/// <summary>
/// Persists the metadata image of a single-node cluster as one JSON document
/// (<c>&lt;first log dir&gt;/pipeline-metadata.json</c>), replaced atomically: write a temp file,
/// fsync, rename, fsync the directory. A crash leaves either the old or the new document.
/// The Raft metadata quorum replaces this store in multi-node clusters.
/// </summary>
public sealed class MetadataStore
{
    public const string FileName = "pipeline-metadata.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _path;

    public MetadataStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, FileName);
    }

    public string FilePath => _path;

    public bool Exists => File.Exists(_path);

    public MetadataImage Load(string clusterId)
    {
        var image = MetadataImage.Empty.WithClusterId(clusterId);
        if (!File.Exists(_path))
        {
            return image;
        }

        Document? doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(_path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"metadata file {_path} is not valid JSON ({e.Message}); restore it from a backup or move it away to rebuild topics from the log directories", e);
        }

        foreach (var t in doc?.Topics ?? [])
        {
            if (!Uuid.TryParse(t.TopicId, out var id))
            {
                throw new InvalidDataException($"metadata file {_path}: topic {t.Name} has an invalid id '{t.TopicId}'");
            }

            var partitions = t.Partitions.Select(p => new PartitionImage(p.Index, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr)).ToArray();
            image = image.WithTopic(new TopicImage(t.Name, id, partitions, new Dictionary<string, string>(t.Configs, StringComparer.Ordinal)));
        }

        return image;
    }

    public void Save(MetadataImage image)
    {
        var doc = new Document
        {
            Version = 1,
            ClusterId = image.ClusterId,
            Topics = image.TopicsByName.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new TopicDoc
            {
                Name = t.Name,
                TopicId = t.TopicId.ToString(),
                Partitions = t.Partitions.Select(p => new PartitionDoc
                {
                    Index = p.Index,
                    Leader = p.Leader,
                    LeaderEpoch = p.LeaderEpoch,
                    Replicas = p.Replicas.ToArray(),
                    Isr = p.Isr.ToArray(),
                }).ToList(),
                Configs = t.Configs.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            }).ToList(),
        };
        DurableFile.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(doc, Json));
    }

    private sealed class Document
    {
        public int Version { get; set; }

        public string ClusterId { get; set; } = string.Empty;

        public List<TopicDoc> Topics { get; set; } = [];
    }

    private sealed class TopicDoc
    {
        public string Name { get; set; } = string.Empty;

        public string TopicId { get; set; } = string.Empty;

        public List<PartitionDoc> Partitions { get; set; } = [];

        public Dictionary<string, string> Configs { get; set; } = [];
    }

    private sealed class PartitionDoc
    {
        public int Index { get; set; }

        public int Leader { get; set; }

        public int LeaderEpoch { get; set; }

        public int[] Replicas { get; set; } = [];

        public int[] Isr { get; set; } = [];
    }
}
