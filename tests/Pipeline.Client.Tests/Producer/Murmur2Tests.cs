using System.Text;
using Pipeline.Client.Producer;

namespace Pipeline.Client.Tests.Producer;

public sealed class Murmur2Tests
{
    /// <summary>Hash values of Kafka's own murmur2 test (clients UtilsTest.testMurmur2).</summary>
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_KafkaVectors_Match(string key, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// Partitions librdkafka 2.0.2's murmur2_random partitioner chose for these keys (hex) on topics
    /// of 7, 13 and 100 partitions of its mock cluster (generated once with confluent-kafka and
    /// tests/Pipeline.Client.Tests/mock/mock_cluster.c; see MockClusterTests for the live check).
    /// </summary>
    [Theory]
    [InlineData("", 2, 11, 81)]
    [InlineData("61", 5, 5, 24)]
    [InlineData("6162", 0, 10, 34)]
    [InlineData("616263", 4, 12, 7)]
    [InlineData("61626364", 5, 11, 0)]
    [InlineData("6162636465", 4, 12, 41)]
    [InlineData("3231", 3, 0, 40)]
    [InlineData("666f6f626172", 0, 7, 66)]
    [InlineData("612d6c6974746c652d6269742d6c6f6e672d737472696e67", 1, 4, 12)]
    [InlineData("612d6c6974746c652d6269742d6c6f6e6765722d737472696e67", 0, 2, 19)]
    [InlineData("6c6b6a683233346c68396669756839307932336f697568736166756a6861646f66323239706872396831396838396838", 3, 9, 77)]
    [InlineData("d0bad0bbd18ed187", 4, 9, 24)]
    [InlineData("e697a5e69cace8aa9e", 6, 0, 70)]
    [InlineData("ff00807f01", 6, 10, 52)]
    [InlineData("6b65792d30", 0, 3, 41)]
    [InlineData("6b65792d31", 5, 8, 40)]
    [InlineData("6b65792d32", 4, 11, 2)]
    [InlineData("6b65792d33", 4, 1, 47)]
    [InlineData("6b65792d34", 5, 1, 33)]
    [InlineData("6b65792d35", 4, 8, 68)]
    [InlineData("6b65792d36", 5, 8, 80)]
    [InlineData("6b65792d37", 3, 7, 75)]
    [InlineData("6b65792d38", 4, 7, 35)]
    [InlineData("6b65792d39", 2, 1, 97)]
    [InlineData("6b65792d3130", 3, 8, 10)]
    [InlineData("6b65792d3131", 3, 0, 65)]
    public void Partition_LibrdkafkaMurmur2RandomVectors_Match(string keyHex, int of7, int of13, int of100)
    {
        var key = Convert.FromHexString(keyHex);
        Assert.Equal(of7, Murmur2.Partition(key, 7));
        Assert.Equal(of13, Murmur2.Partition(key, 13));
        Assert.Equal(of100, Murmur2.Partition(key, 100));
    }

    [Fact]
    public void ToPositive_ClearsOnlyTheSignBit()
    {
        Assert.Equal(0, Murmur2.ToPositive(int.MinValue));
        Assert.Equal(int.MaxValue, Murmur2.ToPositive(-1));
        Assert.Equal(5, Murmur2.ToPositive(5));
    }
}
