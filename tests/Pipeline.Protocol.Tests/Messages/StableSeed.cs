namespace Pipeline.Protocol.Tests.Messages;

/// <summary>Seeds that are the same in every run (string.GetHashCode and HashCode are not).</summary>
internal static class StableSeed
{
    public static int Of(string text, int a = 0, int b = 0)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)a) * 16777619u;
        hash = (hash ^ (uint)b) * 16777619u;
        return (int)(hash & int.MaxValue);
    }
}
