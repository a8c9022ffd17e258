namespace Pipeline.Client.Admin;

/// <summary>Something that has configs: a topic by name, a broker by id, ...</summary>
public readonly record struct ConfigResource(ConfigResourceType Type, string Name)
{
    public static ConfigResource Topic(string name) => new(ConfigResourceType.Topic, name);

    public static ConfigResource Broker(int brokerId) => new(ConfigResourceType.Broker, brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => $"{Type}:{Name}";
}
