using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Network;

/// <summary>
/// What one broker advertised in ApiVersions, and the version this client uses for each API: the
/// highest that both sides support (never a version the specs mark unstable).
/// </summary>
public sealed class ApiVersionTable
{
    private readonly short[] _min;
    private readonly short[] _max;

    internal ApiVersionTable(ApiVersionsResponse response)
    {
        var size = 0;
        foreach (var k in response.ApiKeys)
        {
            size = Math.Max(size, k.ApiKey + 1);
        }

        _min = new short[size];
        _max = new short[size];
        Array.Fill(_max, (short)-1);
        foreach (var k in response.ApiKeys)
        {
            if (k.ApiKey >= 0)
            {
                _min[k.ApiKey] = k.MinVersion;
                _max[k.ApiKey] = k.MaxVersion;
            }
        }
    }

    /// <summary>The highest version of <paramref name="key"/> this client can write.</summary>
    public static short ClientMax(ApiKey key)
    {
        var info = ApiMessages.Info(key);
        return info.LatestVersionUnstable ? (short)(info.HighestVersion - 1) : info.HighestVersion;
    }

    public bool IsSupported(ApiKey key) => Pick(key) >= 0;

    /// <summary>The broker's advertised maximum, or -1 when it does not list the API.</summary>
    public short BrokerMax(ApiKey key) => (int)key < _max.Length && (int)key >= 0 ? _max[(int)key] : (short)-1;

    /// <summary>The version to send: min(client max, broker max), -1 when the ranges do not meet.</summary>
    public short Pick(ApiKey key, short minVersion = 0)
    {
        var brokerMax = BrokerMax(key);
        if (brokerMax < 0)
        {
            return -1;
        }

        var v = Math.Min(ClientMax(key), brokerMax);
        return v < Math.Max(minVersion, _min[(int)key]) ? (short)-1 : v;
    }

    /// <summary>Like <see cref="Pick"/> but throws UNSUPPORTED_VERSION when no version fits.</summary>
    public short Require(ApiKey key, short minVersion = 0)
    {
        var v = Pick(key, minVersion);
        if (v < 0)
        {
            throw new KafkaException(ErrorCode.UnsupportedVersion,
                $"The broker does not support {key} (at least v{minVersion}; it advertises up to v{BrokerMax(key)})");
        }

        return v;
    }
}
