using Pipeline.Protocol.Primitives;

namespace Pipeline.Protocol.Messages;

/// <summary>
/// A struct with a version-dependent encoding: the request and response headers, the group
/// member payloads (ConsumerProtocolSubscription, ...) and the KRaft control records.
/// <para>
/// <see cref="Read"/> fills a freshly constructed instance: fields absent from
/// the version keep their defaults. It throws only <see cref="ProtocolException"/>,
/// for bytes that are not a valid encoding (or a version outside the valid range).
/// <see cref="Write"/> throws <see cref="ArgumentOutOfRangeException"/> for a version outside the
/// valid range and <see cref="InvalidOperationException"/> for a null in a version where the
/// field cannot be null.
/// </para>
/// </summary>
public interface IDataMessage
{
    void Read(ref ProtocolReader reader, short version);

    void Write(ProtocolWriter writer, short version);
}
