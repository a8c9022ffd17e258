using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// The APIs this broker serves and the versions it advertises. Minimum 0 almost everywhere (README
/// 4.3: librdkafka needs Produce 0 and FindCoordinator 0 in range to enable compression and
/// groups); Fetch starts at 4 as in Kafka 4.0, because v0-v3 readers would need message sets
/// down-converted to magic 0/1, which no supported client asks for. Maximum = the highest stable
/// version in the specs unless a handler says otherwise.
/// </summary>
public static class SupportedApis
{
    private static readonly (ApiKey Key, short Max)[] Table =
    [
        (ApiKey.Produce, ProduceRequest.HighestSupportedVersion),
        (ApiKey.Fetch, FetchRequest.HighestSupportedVersion),
        (ApiKey.ListOffsets, ListOffsetsRequest.HighestSupportedVersion),
        (ApiKey.Metadata, MetadataRequest.HighestSupportedVersion),
        (ApiKey.FindCoordinator, FindCoordinatorRequest.HighestSupportedVersion),
        (ApiKey.ApiVersions, ApiVersionsRequest.HighestSupportedVersion),
        (ApiKey.CreateTopics, CreateTopicsRequest.HighestSupportedVersion),
        (ApiKey.DeleteTopics, DeleteTopicsRequest.HighestSupportedVersion),
        (ApiKey.DeleteRecords, DeleteRecordsRequest.HighestSupportedVersion),
        (ApiKey.OffsetForLeaderEpoch, OffsetForLeaderEpochRequest.HighestSupportedVersion),
        (ApiKey.DescribeConfigs, DescribeConfigsRequest.HighestSupportedVersion),
        (ApiKey.AlterConfigs, AlterConfigsRequest.HighestSupportedVersion),
        (ApiKey.DescribeLogDirs, DescribeLogDirsRequest.HighestSupportedVersion),
        (ApiKey.CreatePartitions, CreatePartitionsRequest.HighestSupportedVersion),
        (ApiKey.IncrementalAlterConfigs, IncrementalAlterConfigsRequest.HighestSupportedVersion),
        (ApiKey.DescribeCluster, DescribeClusterRequest.HighestSupportedVersion),
        (ApiKey.InitProducerId, InitProducerIdRequest.HighestSupportedVersion),
        (ApiKey.JoinGroup, JoinGroupRequest.HighestSupportedVersion),
        (ApiKey.SyncGroup, SyncGroupRequest.HighestSupportedVersion),
        (ApiKey.Heartbeat, HeartbeatRequest.HighestSupportedVersion),
        (ApiKey.LeaveGroup, LeaveGroupRequest.HighestSupportedVersion),
        (ApiKey.OffsetCommit, OffsetCommitRequest.HighestSupportedVersion),
        (ApiKey.OffsetFetch, OffsetFetchRequest.HighestSupportedVersion),
        (ApiKey.ListGroups, ListGroupsRequest.HighestSupportedVersion),
        (ApiKey.DescribeGroups, DescribeGroupsRequest.HighestSupportedVersion),
        (ApiKey.DeleteGroups, DeleteGroupsRequest.HighestSupportedVersion),
        (ApiKey.OffsetDelete, OffsetDeleteRequest.HighestSupportedVersion),
        (ApiKey.ConsumerGroupDescribe, ConsumerGroupDescribeRequest.HighestSupportedVersion),
    ];

    private static readonly short[] MaxByKey = BuildIndex();

    private static short MinVersion(ApiKey key) => key == ApiKey.Fetch ? (short)4 : (short)0;

    public static IEnumerable<(ApiKey Key, short Min, short Max)> All
    {
        get
        {
            foreach (var (key, max) in Table)
            {
                yield return (key, MinVersion(key), max);
            }
        }
    }

    public static bool IsSupported(ApiKey key, short version)
    {
        var k = (int)key;
        return k >= 0 && k < MaxByKey.Length && version >= MinVersion(key) && version <= MaxByKey[k];
    }

    public static short MaxVersion(ApiKey key) => (int)key < MaxByKey.Length ? MaxByKey[(int)key] : (short)-1;

    private static short[] BuildIndex()
    {
        var max = 0;
        foreach (var (key, _) in Table)
        {
            max = Math.Max(max, (int)key);
        }

        var index = new short[max + 1];
        Array.Fill(index, (short)-1);
        foreach (var (key, v) in Table)
        {
            // Never advertise a version the specs mark as unstable.
            var info = ApiMessages.Info(key);
            index[(int)key] = info.LatestVersionUnstable && v == info.HighestVersion ? (short)(v - 1) : v;
        }

        return index;
    }
}
