using Pipeline.Protocol;
using Xunit;

namespace Pipeline.Broker.Tests.Support;

/// <summary>Error-code assertions that print names (and the broker's message) instead of numbers.</summary>
public static class Expect
{
    public static void Error(ErrorCode expected, short actual, string? brokerMessage = null) =>
        Assert.True((short)expected == actual, $"expected {expected}, got {(ErrorCode)actual}{(brokerMessage is null ? string.Empty : $": {brokerMessage}")}");

    public static void NoError(short actual, string? brokerMessage = null) => Error(ErrorCode.None, actual, brokerMessage);
}
