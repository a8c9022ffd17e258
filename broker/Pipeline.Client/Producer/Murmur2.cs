using System.Buffers.Binary;

namespace Pipeline.Client.Producer;

/// <summary>
/// The 32-bit murmur2 hash exactly as Kafka's Java client computes it (seed 0x9747b28c, little-endian
/// 4-byte blocks, tail bytes folded high to low), so keys land in the same partitions as with the
/// Java client and librdkafka's murmur2_random partitioner.
/// </summary>
public static class Murmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        var h = Seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }

    /// <summary>Kafka's Utils.toPositive: clears the sign bit (not Math.Abs, which differs for int.MinValue).</summary>
    public static int ToPositive(int value) => value & 0x7fffffff;

    /// <summary>The partition of a non-null key: toPositive(murmur2(key)) % partitions.</summary>
    public static int Partition(ReadOnlySpan<byte> key, int partitionCount) => ToPositive(Hash(key)) % partitionCount;
}
