namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>JoinGroup names of the connect protocols and the connect.protocol values.</summary>
public static class ConnectProtocolNames
{
    public const string ProtocolType = "connect";

    public static string Name(ConnectProtocolCompatibility compatibility) => compatibility switch
    {
        ConnectProtocolCompatibility.Eager => "eager",
        ConnectProtocolCompatibility.Compatible => "compatible",
        _ => "sessioned",
    };

    public static ConnectProtocolCompatibility Parse(string name) => name.ToLowerInvariant() switch
    {
        "eager" => ConnectProtocolCompatibility.Eager,
        "compatible" => ConnectProtocolCompatibility.Compatible,
        "sessioned" => ConnectProtocolCompatibility.Sessioned,
        _ => throw new ArgumentException($"Unknown Connect protocol {name}", nameof(name)),
    };
}
