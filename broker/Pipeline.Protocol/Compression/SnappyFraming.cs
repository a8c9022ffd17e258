namespace Pipeline.Protocol.Compression;

/// <summary>How snappy output is framed (protocol reference section 6).</summary>
public enum SnappyFraming
{
    /// <summary>One raw snappy block, no header: what librdkafka writes.</summary>
    Raw,

    /// <summary>snappy-java's stream: 16-byte header then [int32 BE length + raw block]*; what the Java client and kafka-python write.</summary>
    Xerial,
}
