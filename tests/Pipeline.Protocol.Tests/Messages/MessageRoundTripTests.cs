using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>
/// Every generated message, in every valid version, survives write -> read -> write with
/// identical bytes, and every field of that version comes back equal.
/// </summary>
public sealed class MessageRoundTripTests
{
    public static TheoryData<string> MessageNames()
    {
        var data = new TheoryData<string>();
        foreach (var t in MessageTypes.All)
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Fact]
    public void MessageTypes_All_Has186Messages() => Assert.Equal(186, MessageTypes.All.Count);

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Message_EveryVersionAndFill_RoundTrips(string name)
    {
        var type = MessageTypes.Get(name);
        var specs = SpecIndex.Instance;
        foreach (var version in MessageTypes.Versions(type))
        {
            foreach (var mode in new[] { FillMode.Full, FillMode.Nulls, FillMode.Empties })
            {
                if (specs is null && mode == FillMode.Nulls)
                {
                    continue;
                }

                var original = (IDataMessage)Activator.CreateInstance(type)!;
                new MessageFiller(StableSeed.Of(name, version, (int)mode), specs, mode, type, version).Fill(original);
                var first = Encode(original, version);

                var read = (IDataMessage)Activator.CreateInstance(type)!;
                var reader = new ProtocolReader(first);
                read.Read(ref reader, version);
                Assert.True(reader.End, $"{name} v{version} {mode}: {reader.Remaining} byte(s) left unread");

                var second = Encode(read, version);
                Assert.True(first.AsSpan().SequenceEqual(second), $"{name} v{version} {mode}: bytes differ after a round trip");
                if (specs is not null)
                {
                    new MessageComparer(specs, version, MessageTypes.IsFlexible(type, version))
                        .AssertRoundTripped(original, read, $"{name} v{version} {mode}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Message_WriteOutsideValidVersions_Throws(string name)
    {
        var type = MessageTypes.Get(name);
        var message = (IDataMessage)Activator.CreateInstance(type)!;
        using var writer = new ProtocolWriter();
        Assert.Throws<ArgumentOutOfRangeException>(() => message.Write(writer, (short)(MessageTypes.Lowest(type) - 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => message.Write(writer, (short)(MessageTypes.Highest(type) + 1)));
    }

    [Fact]
    public void Read_UnsupportedVersion_ThrowsProtocolException()
    {
        var request = new ProduceRequest();
        var reader = new ProtocolReader(new byte[64]);
        try
        {
            request.Read(ref reader, 12);
            Assert.Fail("expected a ProtocolException");
        }
        catch (ProtocolException)
        {
        }
    }

    internal static byte[] Encode(IDataMessage message, short version)
    {
        using var writer = new ProtocolWriter(64);
        message.Write(writer, version);
        return writer.WrittenSpan.ToArray();
    }
}
