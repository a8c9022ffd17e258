namespace Pipeline.Protocol.Tests.Messages;

internal enum FillMode
{
    /// <summary>Every field non-default; lists of two elements.</summary>
    Full,

    /// <summary>Every field that may be null in the version is null; the rest as in Full.</summary>
    Nulls,

    /// <summary>Strings, bytes, records and lists empty; the rest as in Full.</summary>
    Empties,
}
