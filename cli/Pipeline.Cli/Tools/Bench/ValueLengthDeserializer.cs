using Pipeline.Client.Serialization;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// For <c>bench consume --no-copy</c>: reads only a value's length, so the run measures fetching
/// and decoding without the per-record <c>byte[]</c> copy a real application makes.
/// </summary>
internal sealed class ValueLengthDeserializer : IDeserializer<int>
{
    public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => isNull ? 0 : data.Length;
}
