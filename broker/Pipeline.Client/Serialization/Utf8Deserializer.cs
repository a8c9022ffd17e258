using System.Text;

namespace Pipeline.Client.Serialization;

public sealed class Utf8Deserializer : IDeserializer<string?>
{
    public string? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => isNull ? null : Encoding.UTF8.GetString(data);
}
