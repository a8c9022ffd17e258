using System.Buffers;
using System.Text;

namespace Pipeline.Client.Serialization;

/// <summary>Strings as UTF-8 (Kafka's StringSerializer); a null string is a Kafka null.</summary>
public sealed class Utf8Serializer : IBufferSerializer<string?>
{
    public byte[]? Serialize(string? data, SerializationContext context) => data is null ? null : Encoding.UTF8.GetBytes(data);

    public bool Serialize(string? data, SerializationContext context, IBufferWriter<byte> output)
    {
        if (data is null)
        {
            return false;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(data.Length));
        output.Advance(Encoding.UTF8.GetBytes(data, span));
        return true;
    }
}
