namespace Pipeline.Protocol.Messages;

/// <summary>A response body, encoded with the version of the request it answers.</summary>
public interface IResponseMessage : IApiMessage
{
}
