using Pipeline.Broker.Controller;
using Pipeline.Broker.Metadata;

namespace Pipeline.Broker.Tests.Controller;

/// <summary>Remembers every image the controller publishes, in order.</summary>
internal sealed class RecordingListener : IMetadataListener
{
    private readonly List<(MetadataImage Previous, MetadataImage Current)> _changes = [];

    public IReadOnlyList<(MetadataImage Previous, MetadataImage Current)> Changes
    {
        get
        {
            lock (_changes)
            {
                return _changes.ToList();
            }
        }
    }

    public Task OnMetadataChangedAsync(MetadataImage previous, MetadataImage current)
    {
        lock (_changes)
        {
            _changes.Add((previous, current));
        }

        return Task.CompletedTask;
    }
}
