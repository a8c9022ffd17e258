using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Protocol.Primitives;

/// <summary>Throws kept out of line so the callers stay small enough to inline.</summary>
public static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowEndOfData(int needed, int remaining) =>
        throw new ProtocolException($"message truncated: needed {needed} more byte(s), {remaining} left");

    [DoesNotReturn]
    public static void ThrowMalformed(string what) =>
        throw new ProtocolException(what);

    [DoesNotReturn]
    public static T ThrowMalformed<T>(string what) =>
        throw new ProtocolException(what);
}
