using System.Text.RegularExpressions;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>ApiVersions (18): the versions of every API this broker serves (KIP-35, KIP-511).</summary>
internal sealed partial class ApiVersionsHandler
{
    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?$")]
    private static partial Regex SoftwareNameOrVersion();

    public IResponseMessage Handle(RequestContext context, ApiVersionsRequest request)
    {
        var response = new ApiVersionsResponse();
        if (context.ApiVersion >= 3)
        {
            if (!SoftwareNameOrVersion().IsMatch(request.ClientSoftwareName) || !SoftwareNameOrVersion().IsMatch(request.ClientSoftwareVersion))
            {
                response.ErrorCode = (short)ErrorCode.InvalidRequest;
                return response;
            }

            context.Connection.ClientSoftwareName = request.ClientSoftwareName;
            context.Connection.ClientSoftwareVersion = request.ClientSoftwareVersion;
        }

        foreach (var (key, min, max) in SupportedApis.All)
        {
            response.ApiKeys.Add(new ApiVersionsResponse.ApiVersion { ApiKey = (short)key, MinVersion = min, MaxVersion = max });
        }

        return response;
    }
}
