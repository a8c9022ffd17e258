using Pipeline.Connectors.File.Csv;

namespace Pipeline.Connectors.File.Tests.Csv;

public sealed class CsvRowOffsetTests
{
    [Fact]
    public void Enumerate_RowOffset_SameEntriesAndOrderAsTheDictionaryItReplaces()
    {
        var offset = new CsvRowOffset(7, eof: true, 1700000000000L, 123L);
        var expected = new Dictionary<string, object?>
        {
            [CsvSourceTask.RowField] = 7L,
            [CsvSourceTask.EofField] = true,
            [CsvSourceTask.LastModifiedField] = 1700000000000L,
            [CsvSourceTask.LengthField] = 123L,
        };

        Assert.Equal(expected.ToList(), offset.ToList());
        Assert.Equal(expected.Keys, offset.Keys);
        Assert.Equal(expected.Values, offset.Values);
        Assert.Equal(4, offset.Count);
    }

    [Fact]
    public void TryGetValue_KnownAndUnknownNames_AsADictionary()
    {
        var offset = new CsvRowOffset(1, eof: false, 5L, 6L);

        Assert.True(offset.TryGetValue("row", out var row));
        Assert.Equal(1L, row);
        Assert.Equal(false, offset["eof"]);
        Assert.True(offset.ContainsKey("length"));
        Assert.False(offset.TryGetValue("Row", out _));
        Assert.False(offset.ContainsKey("file"));
        Assert.Throws<KeyNotFoundException>(() => offset["file"]);
    }
}
