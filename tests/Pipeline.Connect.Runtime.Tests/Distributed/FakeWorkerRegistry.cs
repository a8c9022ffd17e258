using System.Collections.Concurrent;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>Who runs what across the fake workers of one test; records a violation when something starts on a second worker while still running on another.</summary>
internal sealed class FakeWorkerRegistry
{
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Violations { get; } = new();

    public void Started(string connector, string worker) => Claim("connector " + connector, worker);

    public void Stopped(string connector, string worker) => Release("connector " + connector, worker);

    public void Started(ConnectorTaskId task, string worker) => Claim("task " + task, worker);

    public void Stopped(ConnectorTaskId task, string worker) => Release("task " + task, worker);

    /// <summary>What runs on which worker, e.g. "task a-0" → "w1".</summary>
    public IReadOnlyDictionary<string, string> Snapshot() => new Dictionary<string, string>(_owners);

    /// <summary>Forgets what a crashed worker ran (its tasks died with it).</summary>
    public void Crash(string worker)
    {
        foreach (var (what, owner) in _owners)
        {
            if (owner == worker)
            {
                _owners.TryRemove(what, out _);
            }
        }
    }

    private void Claim(string what, string worker)
    {
        var owner = _owners.GetOrAdd(what, worker);
        if (owner != worker)
        {
            Violations.Enqueue($"{what} started on {worker} while running on {owner}");
            _owners[what] = worker;
        }
    }

    private void Release(string what, string worker) => _owners.TryRemove(new KeyValuePair<string, string>(what, worker));
}
