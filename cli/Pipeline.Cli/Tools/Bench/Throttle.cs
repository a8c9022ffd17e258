using System.Diagnostics;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>Keeps a loop at a target rate (records/s): sleeps when it is ahead of schedule by more than a millisecond. 0 = no limit.</summary>
internal sealed class Throttle
{
    private readonly long _perSecond;
    private readonly long _start = Stopwatch.GetTimestamp();

    public Throttle(long perSecond) => _perSecond = perSecond;

    public void Wait(long done)
    {
        if (_perSecond <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds((double)done / _perSecond);
        var ahead = due - Stopwatch.GetElapsedTime(_start);
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(ahead);
        }
    }
}
