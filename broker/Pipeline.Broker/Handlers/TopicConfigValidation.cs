using Pipeline.Broker.Controller;
using Pipeline.Protocol;
using Pipeline.Storage.Config;

namespace Pipeline.Broker.Handlers;

/// <summary>Topic config overrides are valid when the storage layer can build a LogConfig from them.</summary>
public static class TopicConfigValidation
{
    public static ApiError Validate(IReadOnlyDictionary<string, string> overrides, IReadOnlyDictionary<string, string> brokerProperties)
    {
        try
        {
            LogConfig.Create(overrides, brokerProperties);
            return ApiError.None;
        }
        catch (ConfigException e)
        {
            return new ApiError(ErrorCode.InvalidConfig, e.Message);
        }
    }
}
