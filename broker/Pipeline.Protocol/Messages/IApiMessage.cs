namespace Pipeline.Protocol.Messages;

/// <summary>The body of a request or response of one API (without the header).</summary>
public interface IApiMessage : IDataMessage
{
    ApiKey ApiKey { get; }

    short LowestVersion { get; }

    short HighestVersion { get; }
}
