using System.Diagnostics.CodeAnalysis;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Protocol.Messages;

/// <summary>Helpers the generated messages call: tagged-field sections and out-of-line throws.</summary>
public static class MessageSupport
{
    /// <summary>Reads a tagged-field section of a struct that has no known tags in this version.</summary>
    public static List<RawTaggedField>? ReadTaggedFields(ref ProtocolReader reader)
    {
        var count = reader.ReadUnsignedVarInt();
        List<RawTaggedField>? result = null;
        for (var i = 0u; i < count; i++)
        {
            var tag = reader.ReadUnsignedVarInt();
            var size = (int)reader.ReadUnsignedVarInt();
            (result ??= []).Add(new RawTaggedField((int)tag, reader.ReadRaw(size)));
        }

        return result;
    }

    /// <summary>Writes a tagged-field section made only of unknown tags.</summary>
    public static void WriteTaggedFields(ProtocolWriter writer, List<RawTaggedField>? fields)
    {
        if (fields is null)
        {
            writer.WriteUnsignedVarInt(0);
            return;
        }

        writer.WriteUnsignedVarInt((uint)fields.Count);
        WriteRemainingTaggedFields(writer, fields, 0);
    }

    /// <summary>Writes the unknown tags from <paramref name="index"/> on whose number is below <paramref name="tag"/>.</summary>
    public static void WriteTaggedFieldsBefore(ProtocolWriter writer, List<RawTaggedField>? fields, int tag, ref int index)
    {
        if (fields is null)
        {
            return;
        }

        while (index < fields.Count && (uint)fields[index].Tag < (uint)tag)
        {
            WriteRaw(writer, fields[index]);
            index++;
        }
    }

    public static void WriteRemainingTaggedFields(ProtocolWriter writer, List<RawTaggedField>? fields, int index)
    {
        if (fields is null)
        {
            return;
        }

        for (; index < fields.Count; index++)
        {
            WriteRaw(writer, fields[index]);
        }
    }

    private static void WriteRaw(ProtocolWriter writer, RawTaggedField field)
    {
        writer.WriteUnsignedVarInt((uint)field.Tag);
        writer.WriteUnsignedVarInt((uint)field.Data.Length);
        writer.WriteRaw(field.Data);
    }

    /// <summary>
    /// The list to read <paramref name="count"/> elements into: the property's own default empty
    /// list when it still has one (a freshly constructed message), else a new one, so reading a
    /// message allocates one list per array, not two.
    /// </summary>
    public static List<T> ListFor<T>(List<T>? current, int count)
    {
        if (current is { Count: 0 })
        {
            current.EnsureCapacity(count);
            return current;
        }

        return new List<T>(count);
    }

    /// <summary>Returns a value that must not be null in the version being written.</summary>
    public static T NonNull<T>(T? value, string field, short version)
        where T : class
    {
        if (value is null)
        {
            ThrowNull(field, version);
        }

        return value;
    }

    public static RecordSet NonNull(RecordSet value, string field, short version)
    {
        if (value.IsNull)
        {
            ThrowNull(field, version);
        }

        return value;
    }

    [DoesNotReturn]
    public static void ThrowNull(string field, short version) =>
        throw new InvalidOperationException($"{field} is null, which version {version} cannot encode");

    [DoesNotReturn]
    public static void ThrowUnsupportedReadVersion(string message, short version) =>
        throw new ProtocolException($"{message} has no version {version}");

    [DoesNotReturn]
    public static void ThrowUnsupportedWriteVersion(string message, short version) =>
        throw new ArgumentOutOfRangeException(nameof(version), version, $"{message} has no version {version}");

    [DoesNotReturn]
    public static T ThrowUnknownApiKey<T>(ApiKey key) =>
        throw new ArgumentOutOfRangeException(nameof(key), key, $"unknown API key {(short)key}");

    internal static ApiInfo[] NonNullEntries(ApiInfo?[] infos)
    {
        var result = new List<ApiInfo>(infos.Length);
        foreach (var info in infos)
        {
            if (info is not null)
            {
                result.Add(info);
            }
        }

        return [.. result];
    }
}
