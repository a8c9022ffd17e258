namespace Pipeline.Protocol.Messages;

/// <summary>A request body; the matching response has the same API key and version.</summary>
public interface IRequestMessage : IApiMessage
{
}
