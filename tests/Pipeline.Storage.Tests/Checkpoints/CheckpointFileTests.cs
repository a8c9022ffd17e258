using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;
using Pipeline.Storage.Checkpoints;
using Pipeline.Testing.IO;

namespace Pipeline.Storage.Tests.Checkpoints;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OffsetCheckpoint_RoundTripsKafkasTextFormat()
    {
        var path = _dir.Combine("recovery-point-offset-checkpoint");
        OffsetCheckpointFile.Write(path, [new(new TopicPartition("my-topic", 3), 42), new(new TopicPartition("b", 0), 0)]);

        Assert.Equal("0\n2\nmy-topic 3 42\nb 0 0\n", File.ReadAllText(path));
        var read = OffsetCheckpointFile.Read(path, out var problem);
        Assert.Null(problem);
        Assert.Equal(42, read[new TopicPartition("my-topic", 3)]);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("1\n0\n")]
    [InlineData("0\n3\nt 0 1\n")]
    [InlineData("0\n1\nt zero 1\n")]
    [InlineData("")]
    public void OffsetCheckpoint_Malformed_ReportsAProblemAndNoEntries(string text)
    {
        var path = _dir.Combine("bad");
        File.WriteAllText(path, text);

        var read = OffsetCheckpointFile.Read(path, out var problem);

        Assert.Empty(read);
        Assert.NotNull(problem);
    }

    [Fact]
    public void PartitionMetadata_RoundTripsTheTopicId()
    {
        var path = _dir.Combine("partition.metadata");
        var id = Uuid.NewRandom();

        PartitionMetadataFile.Write(path, id);

        Assert.True(PartitionMetadataFile.TryRead(path, out var read));
        Assert.Equal(id, read);
        Assert.Equal($"version: 0\ntopic_id: {id}\n", File.ReadAllText(path));
    }
}
