using System.Text;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Storage.Checkpoints;

/// <summary>
/// The <c>partition.metadata</c> file of a partition directory (KIP-516), which ties the
/// directory to its topic id:
/// <code>
/// version: 0
/// topic_id: &lt;22-character base64 uuid&gt;
/// </code>
/// </summary>
internal static class PartitionMetadataFile
{
    public static void Write(string path, Uuid topicId) =>
        CheckpointFile.WriteAtomically(path, Encoding.UTF8.GetBytes($"version: 0\ntopic_id: {topicId}\n"));

    public static bool TryRead(string path, out Uuid topicId)
    {
        topicId = Uuid.Zero;
        if (!File.Exists(path))
        {
            return false;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0].Trim() != "version: 0" || !lines[1].StartsWith("topic_id:", StringComparison.Ordinal))
        {
            return false;
        }

        return Uuid.TryParse(lines[1]["topic_id:".Length..].Trim(), out topicId);
    }
}
