using System.Globalization;
using System.Text;
using Pipeline.Broker.Config;
using Pipeline.Protocol.Config;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.IO;

namespace Pipeline.Broker.Metadata;

/// <summary>
/// Kafka's <c>meta.properties</c> in every log dir: which cluster and node the data belongs to.
/// Pipeline formats empty directories itself (Kafka needs <c>kafka-storage format</c>) and refuses
/// to start on a directory that belongs to another node or cluster.
/// </summary>
public static class MetaProperties
{
    public const string FileName = "meta.properties";

    /// <summary>Checks or writes meta.properties in each dir; returns the cluster id.</summary>
    public static string EnsureFormatted(IReadOnlyList<string> logDirs, int nodeId, string? configuredClusterId)
    {
        string? clusterId = configuredClusterId;
        var missing = new List<string>();
        foreach (var dir in logDirs)
        {
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, FileName);
            if (!File.Exists(path))
            {
                missing.Add(dir);
                continue;
            }

            var props = PropertiesFile.Load(path);
            if (props.TryGetValue("node.id", out var n) && n != nodeId.ToString(CultureInfo.InvariantCulture))
            {
                throw new BrokerConfigException($"log dir {dir} belongs to node.id={n} but this server is node.id={nodeId}; use another log.dirs or set node.id={n}");
            }

            if (props.TryGetValue("cluster.id", out var c))
            {
                if (clusterId is not null && clusterId != c)
                {
                    throw new BrokerConfigException($"log dir {dir} belongs to cluster {c}, not {clusterId}; log.dirs must all belong to one cluster");
                }

                clusterId = c;
            }
        }

        clusterId ??= Uuid.NewRandom().ToString();
        foreach (var dir in missing)
        {
            var text = new StringBuilder()
                .Append("#\n# written by pipeline\n")
                .Append("version=1\n")
                .Append("cluster.id=").Append(clusterId).Append('\n')
                .Append("node.id=").Append(nodeId.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("directory.id=").Append(Uuid.NewRandom().ToString()).Append('\n')
                .ToString();
            DurableFile.WriteAllBytes(Path.Combine(dir, FileName), Encoding.UTF8.GetBytes(text));
        }

        return clusterId;
    }
}
