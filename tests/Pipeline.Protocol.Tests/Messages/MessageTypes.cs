using System.Reflection;
using Pipeline.Protocol.Messages;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>The generated message classes, found by reflection (tests only).</summary>
internal static class MessageTypes
{
    public static IReadOnlyList<Type> All { get; } = typeof(IDataMessage).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsNested: false } && typeof(IDataMessage).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static Type Get(string name) => All.Single(t => t.Name == name);

    public static short Lowest(Type t) => Const(t, "LowestSupportedVersion");

    public static short Highest(Type t) => Const(t, "HighestSupportedVersion");

    public static bool IsFlexible(Type messageType, short version) =>
        (bool)messageType.GetMethod("IsFlexible", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [version])!;

    public static IEnumerable<short> Versions(Type t)
    {
        for (var v = Lowest(t); v <= Highest(t); v++)
        {
            yield return v;
        }
    }

    private static short Const(Type t, string name) => (short)t.GetField(name)!.GetRawConstantValue()!;
}
