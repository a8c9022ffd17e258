using Xunit;

namespace Pipeline.Testing.Time;

/// <summary>Polls a condition until it holds; fails the test naming what it waited for.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 200 ms for up to <paramref name="seconds"/> seconds.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        Assert.Fail($"timed out after {seconds} s waiting for {what}");
    }
}
