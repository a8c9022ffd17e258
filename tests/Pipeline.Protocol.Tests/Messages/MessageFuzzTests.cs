using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>
/// Reading garbage must fail with <see cref="ProtocolException"/> only: never an index, cast,
/// argument or out-of-memory error that would take the connection loop down with it.
/// Seeded, so a failure names an input that can be replayed.
/// </summary>
public sealed class MessageFuzzTests
{
    private const int RandomInputsPerVersion = 40;
    private const int MutationsPerVersion = 40;
    private const int MaxPrefixes = 200;

    public static TheoryData<string> MessageNames() => MessageRoundTripTests.MessageNames();

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Read_RandomMutatedAndTruncatedInput_ThrowsOnlyProtocolException(string name)
    {
        var type = MessageTypes.Get(name);
        foreach (var version in MessageTypes.Versions(type))
        {
            var random = new Random(StableSeed.Of(name, version));
            for (var i = 0; i < RandomInputsPerVersion; i++)
            {
                TryRead(type, version, RandomBytes(random, i % 2 == 0));
            }

            var valid = ValidEncoding(type, version);
            for (var i = 0; i < MutationsPerVersion && valid.Length > 0; i++)
            {
                var mutated = (byte[])valid.Clone();
                var flips = 1 + random.Next(3);
                for (var f = 0; f < flips; f++)
                {
                    mutated[random.Next(mutated.Length)] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
                }

                TryRead(type, version, mutated);
            }

            // A strict prefix of a valid encoding can never be complete: it must be rejected.
            var step = Math.Max(1, valid.Length / MaxPrefixes);
            for (var length = 0; length < valid.Length; length += step)
            {
                Assert.False(TryRead(type, version, valid[..length]), $"{name} v{version}: a {length}-byte prefix of a {valid.Length}-byte encoding was accepted");
            }
        }
    }

    /// <summary>Reads the input; true if it parsed, false on <see cref="ProtocolException"/>.</summary>
    private static bool TryRead(Type type, short version, byte[] input)
    {
        var message = (IDataMessage)Activator.CreateInstance(type)!;
        var reader = new ProtocolReader(input);
        try
        {
            message.Read(ref reader, version);
            return true;
        }
        catch (ProtocolException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{type.Name} v{version} threw {e.GetType().Name} for input {Convert.ToHexString(input)}: {e}");
            return false;
        }
    }

    private static byte[] ValidEncoding(Type type, short version)
    {
        var message = (IDataMessage)Activator.CreateInstance(type)!;
        new MessageFiller(StableSeed.Of(type.Name, version, 7), SpecIndex.Instance, FillMode.Full, type, version).Fill(message);
        return MessageRoundTripTests.Encode(message, version);
    }

    /// <summary>Uniform bytes, or bytes biased to small values so that lengths and counts often look plausible.</summary>
    private static byte[] RandomBytes(Random random, bool biased)
    {
        var bytes = new byte[random.Next(0, 96)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = biased
                ? (byte)(random.Next(4) switch
                {
                    0 => 0x00,
                    1 => random.Next(1, 4),
                    2 => 0xFF,
                    _ => random.Next(256),
                })
                : (byte)random.Next(256);
        }

        return bytes;
    }
}
