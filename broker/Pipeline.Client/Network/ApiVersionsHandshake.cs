using System.Buffers.Binary;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Network;

/// <summary>
/// The first exchange on every connection: ApiVersions at our highest version. On
/// UNSUPPORTED_VERSION the broker answers with a v0 body listing at least its ApiVersions range
/// (KIP-511): retry at the highest common version, or one lower when that body cannot be read
/// (librdkafka's mock cluster, for one, answers in the flexible encoding). On INVALID_REQUEST (a
/// v3+ client name it rejects) retry with v0, as librdkafka does.
/// </summary>
internal static class ApiVersionsHandshake
{
    public delegate Task<byte[]> SendRaw(IRequestMessage request, short version, TimeSpan timeout, CancellationToken cancellationToken);

    public static async Task<(ApiVersionTable Versions, short Version)> RunAsync(SendRaw send, BrokerAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var version = ApiVersionTable.ClientMax(ApiKey.ApiVersions);
        for (var attempt = 0; attempt <= ApiVersionTable.ClientMax(ApiKey.ApiVersions) + 1; attempt++)
        {
            var request = new ApiVersionsRequest { ClientSoftwareName = ClientSoftware.Name, ClientSoftwareVersion = ClientSoftware.Version };
            var body = await send(request, version, timeout, cancellationToken).ConfigureAwait(false);
            var error = body.Length >= 2 ? (ErrorCode)BinaryPrimitives.ReadInt16BigEndian(body) : ErrorCode.CorruptMessage;
            if (error == ErrorCode.UnsupportedVersion && version > 0)
            {
                var brokerMax = TryDecode(body, 0, out var fallback) ? new ApiVersionTable(fallback).BrokerMax(ApiKey.ApiVersions) : (short)-1;
                version = brokerMax >= 0 && brokerMax < version ? brokerMax : (short)(version - 1);
                continue;
            }

            if (error == ErrorCode.InvalidRequest && version >= 3)
            {
                version = 0;
                continue;
            }

            if (!TryDecode(body, version, out var response))
            {
                throw new KafkaException(ErrorCode.CorruptMessage, $"unreadable ApiVersions v{version} response from {address}");
            }

            if (response.ErrorCode != 0)
            {
                throw new KafkaException((ErrorCode)response.ErrorCode, $"ApiVersions v{version} to {address} failed");
            }

            return (new ApiVersionTable(response), version);
        }

        throw new KafkaException(ErrorCode.UnsupportedVersion, $"no ApiVersions version acceptable to {address}");
    }

    private static bool TryDecode(byte[] body, short version, out ApiVersionsResponse response)
    {
        try
        {
            var reader = new ProtocolReader(body);
            response = new ApiVersionsResponse();
            response.Read(ref reader, version);
            return true;
        }
        catch (ProtocolException)
        {
            response = null!;
            return false;
        }
    }
}
