using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Converters;
using Pipeline.Connect.Runtime.Converters.Numbers;

namespace Pipeline.Connect.Runtime.Tests.Converters;

public sealed class SimpleConvertersTests
{
    private const string Topic = "t";

    private static T Configured<T>(params (string Key, string Value)[] settings)
        where T : IConverter, new()
    {
        var converter = new T();
        converter.Configure(settings.ToDictionary(s => s.Key, s => s.Value), isKey: true);
        return converter;
    }

    [Fact]
    public void StringConverter_RoundTrip_Utf8ByDefault()
    {
        var c = Configured<StringConverter>();
        var bytes = c.FromConnectData(Topic, null, Schema.String, "héllo 😀");
        Assert.Equal(Encoding.UTF8.GetBytes("héllo 😀"), bytes);
        Assert.Equal(new SchemaAndValue(Schema.OptionalString, "héllo 😀"), c.ToConnectData(Topic, null, bytes));
        Assert.Equal(new SchemaAndValue(Schema.OptionalString, null), c.ToConnectData(Topic, null, null));
        Assert.Null(c.FromConnectData(Topic, null, Schema.OptionalString, null));
    }

    [Fact]
    public void StringConverter_NonStrings_WrittenAsJavaToString()
    {
        var c = Configured<StringConverter>();
        Assert.Equal("42", Encoding.UTF8.GetString(c.FromConnectData(Topic, null, null, 42)!));
        Assert.Equal("1.0E10", Encoding.UTF8.GetString(c.FromConnectData(Topic, null, null, 1e10)!));
        Assert.Equal("true", Encoding.UTF8.GetString(c.FromConnectData(Topic, null, null, true)!));
    }

    [Fact]
    public void StringConverter_OtherEncoding_Used()
    {
        var c = Configured<StringConverter>(("converter.encoding", "UTF-16"));
        var bytes = c.FromConnectData(Topic, null, null, "ab");
        Assert.Equal(Encoding.Unicode.GetBytes("ab"), bytes);
        Assert.Equal("ab", c.ToConnectData(Topic, null, bytes).Value);
        Assert.ThrowsAny<ConnectException>(() => Configured<StringConverter>(("converter.encoding", "no-such-charset")));
    }

    [Fact]
    public void ByteArrayConverter_PassThrough_OnlyBytes()
    {
        var c = Configured<ByteArrayConverter>();
        var bytes = new byte[] { 1, 2, 3 };
        Assert.Same(bytes, c.FromConnectData(Topic, null, Schema.Bytes, bytes));
        Assert.Same(bytes, c.FromConnectData(Topic, null, null, bytes));
        Assert.Equal(new SchemaAndValue(Schema.OptionalBytes, bytes), c.ToConnectData(Topic, null, bytes));
        Assert.Null(c.FromConnectData(Topic, null, null, null));
        Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, null, "text"));
        Assert.Throws<DataException>(() => c.FromConnectData(Topic, null, Schema.String, bytes));
    }

    public static TheoryData<IConverter, object, byte[], Schema> Numbers() => new()
    {
        { new ShortConverter(), (short)-2, [0xFF, 0xFE], Schema.OptionalInt16 },
        { new IntegerConverter(), 258, [0, 0, 1, 2], Schema.OptionalInt32 },
        { new LongConverter(), -1L, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Schema.OptionalInt64 },
        { new FloatConverter(), 1.5f, [0x3F, 0xC0, 0, 0], Schema.OptionalFloat32 },
        { new DoubleConverter(), -2.0, [0xC0, 0, 0, 0, 0, 0, 0, 0], Schema.OptionalFloat64 },
        { new BooleanConverter(), true, [1], Schema.OptionalBoolean },
        { new BooleanConverter(), false, [0], Schema.OptionalBoolean },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void NumberConverters_BigEndianAsKafkasSerializers_RoundTrip(IConverter converter, object value, byte[] expected, Schema schema)
    {
        converter.Configure(new Dictionary<string, string>(), isKey: false);
        var bytes = converter.FromConnectData(Topic, null, null, value);
        Assert.Equal(expected, bytes);
        Assert.Equal(new SchemaAndValue(schema, value), converter.ToConnectData(Topic, null, bytes));
        Assert.Equal(new SchemaAndValue(schema, null), converter.ToConnectData(Topic, null, null));
        Assert.Null(converter.FromConnectData(Topic, null, null, null));
        var header = (IHeaderConverter)converter;
        Assert.Equal(value, header.ToConnectHeader(Topic, "h", header.FromConnectHeader(Topic, "h", schema, value)).Value);
    }

    [Fact]
    public void NumberConverters_WrongTypeOrSize_DataException()
    {
        Assert.Contains("Failed to serialize to Integer", Assert.Throws<DataException>(() => new IntegerConverter().FromConnectData(Topic, null, null, 1L)).Message, StringComparison.Ordinal);
        Assert.Contains("is not 8", Assert.Throws<DataException>(() => new LongConverter().ToConnectData(Topic, null, [1, 2])).Message, StringComparison.Ordinal);
        Assert.Throws<DataException>(() => new BooleanConverter().ToConnectData(Topic, null, [2]));
    }
}
