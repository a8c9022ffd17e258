using Pipeline.Broker.Metadata;

namespace Pipeline.Broker.Controller;

/// <summary>Told about every published image, in order, before the change is acknowledged to the client.</summary>
public interface IMetadataListener
{
    Task OnMetadataChangedAsync(MetadataImage previous, MetadataImage current);
}
