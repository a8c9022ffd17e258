using System.Buffers;

namespace Pipeline.Client.Serialization;

/// <summary>
/// A serializer that writes into the producer's buffer instead of returning an array: the
/// producer uses this form when a serializer offers it, so serializing allocates nothing.
/// </summary>
public interface IBufferSerializer<in T> : ISerializer<T>
{
    /// <summary>Appends the bytes of <paramref name="data"/> to <paramref name="output"/>; returns false (writing nothing) for a Kafka null.</summary>
    bool Serialize(T data, SerializationContext context, IBufferWriter<byte> output);
}
