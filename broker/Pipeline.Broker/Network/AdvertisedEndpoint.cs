namespace Pipeline.Broker.Network;

/// <summary>The host and port this broker publishes for one listener name.</summary>
public sealed record AdvertisedEndpoint(string ListenerName, string Host, int Port);
