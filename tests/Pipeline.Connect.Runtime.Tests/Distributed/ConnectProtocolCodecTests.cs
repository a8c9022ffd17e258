using Pipeline.Connect.Runtime.Distributed;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

public sealed class ConnectProtocolCodecTests
{
    [Fact]
    public void SerializeAssignment_V1_MatchesKafkaStructLayout()
    {
        var assignment = new ConnectAssignment(ConnectProtocolCompatibility.Compatible, 0, "l", "u", 5, ["c"], [new ConnectorTaskId("c", 0)], [], [], 0);

        var bytes = ConnectProtocolCodec.SerializeAssignment(assignment, ConnectProtocolCompatibility.Compatible);

        byte[] expected =
        [
            0, 1, // version
            0, 0, // error
            0, 1, (byte)'l', // leader
            0, 1, (byte)'u', // leader url
            0, 0, 0, 0, 0, 0, 0, 5, // config offset
            0, 0, 0, 1, // one connector entry
            0, 1, (byte)'c', 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, // "c": [-1 (the connector), 0]
            0, 0, 0, 0, // revoked: empty
            0, 0, 0, 0, // delay
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void SerializeAssignment_Eager_HasNoRevokedOrDelay()
    {
        var assignment = new ConnectAssignment(ConnectProtocolCompatibility.Eager, 0, "l", "u", -1, [], [], [], [], 0);

        var bytes = ConnectProtocolCodec.SerializeAssignment(assignment, ConnectProtocolCompatibility.Eager);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, (byte)'l', 0, 1, (byte)'u', 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, bytes);
        var back = ConnectProtocolCodec.DeserializeAssignment(bytes);
        Assert.Empty(back.RevokedTasks);
        Assert.Equal(0, back.Delay);
    }

    [Fact]
    public void Assignment_RoundTrips_WithRevocationsAndDelay()
    {
        var assignment = new ConnectAssignment(
            ConnectProtocolCompatibility.Sessioned, 0, "leader-1", "http://h:8083", 42,
            ["a", "b"], [new ConnectorTaskId("a", 1), new ConnectorTaskId("c", 0)],
            ["d"], [new ConnectorTaskId("d", 3)], 3000);

        var back = ConnectProtocolCodec.DeserializeAssignment(ConnectProtocolCodec.SerializeAssignment(assignment, ConnectProtocolCompatibility.Sessioned));

        Assert.Equal(assignment.Leader, back.Leader);
        Assert.Equal(assignment.LeaderUrl, back.LeaderUrl);
        Assert.Equal(42, back.ConfigOffset);
        Assert.Equal(["a", "b"], back.Connectors);
        Assert.Equal(assignment.Tasks, back.Tasks);
        Assert.Equal(["d"], back.RevokedConnectors);
        Assert.Equal(assignment.RevokedTasks, back.RevokedTasks);
        Assert.Equal(3000, back.Delay);
        Assert.Equal(ConnectProtocolCompatibility.Sessioned, back.Version);
    }

    [Fact]
    public void SerializeMetadata_Sessioned_EmbedsCurrentAssignmentOrNull()
    {
        var empty = ConnectProtocolCodec.SerializeMetadata(new WorkerMetadata("u", 7, null), ConnectProtocolCompatibility.Sessioned);
        Assert.Equal(new byte[] { 0, 2, 0, 1, (byte)'u', 0, 0, 0, 0, 0, 0, 0, 7, 0xFF, 0xFF, 0xFF, 0xFF }, empty);

        var held = new ConnectAssignment(ConnectProtocolCompatibility.Sessioned, 0, "l", "u", 7, ["x"], [], [], [], 0);
        var withAssignment = ConnectProtocolCodec.DeserializeMetadata(ConnectProtocolCodec.SerializeMetadata(new WorkerMetadata("u", 7, held), ConnectProtocolCompatibility.Sessioned));
        Assert.Equal("u", withAssignment.Url);
        Assert.Equal(7, withAssignment.ConfigOffset);
        Assert.Equal(["x"], withAssignment.Assignment!.Connectors);
    }

    [Fact]
    public void DeserializeMetadata_EagerV0_HasNoAssignment()
    {
        var bytes = ConnectProtocolCodec.SerializeMetadata(new WorkerMetadata("http://w", 3, null), ConnectProtocolCompatibility.Eager);

        byte[] expected = [0, 0, 0, 8, .. "http://w"u8, 0, 0, 0, 0, 0, 0, 0, 3];
        Assert.Equal(expected, bytes);
        var back = ConnectProtocolCodec.DeserializeMetadata(bytes);
        Assert.Null(back.Assignment);
        Assert.Equal(3, back.ConfigOffset);
    }

    [Fact]
    public void DeserializeAssignment_Truncated_Throws()
    {
        Assert.Throws<FormatException>(() => ConnectProtocolCodec.DeserializeAssignment(new byte[] { 0, 1, 0, 0, 0, 5, (byte)'l' }));
    }
}
