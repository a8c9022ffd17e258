using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connectors.File.Csv;

namespace Pipeline.Connectors.File.Tests.Csv;

public sealed class CsvConnectorTests
{
    private static Dictionary<string, string> Valid() => new()
    {
        ["topic"] = "t",
        ["input.path"] = "/in",
        ["finished.path"] = "/done",
    };

    [Fact]
    public void Validate_MoveWithoutFinishedPath_ErrorOnFinishedPath()
    {
        var props = Valid();
        props.Remove("finished.path");

        var results = new CsvSourceConnector().Validate(props);

        Assert.NotEmpty(results.Single(r => r.Name == "finished.path").ErrorMessages);
        Assert.Empty(results.Single(r => r.Name == "topic").ErrorMessages);
    }

    [Fact]
    public void Validate_BadSchemaJsonAndMissingTopic_ErrorsNameTheFields()
    {
        var props = Valid();
        props.Remove("topic");
        props["csv.separator.char"] = "ab";

        var results = new CsvSourceConnector().Validate(props);

        Assert.NotEmpty(results.Single(r => r.Name == "topic").ErrorMessages);
        Assert.NotEmpty(results.Single(r => r.Name == "csv.separator.char").ErrorMessages);

        var schema = Valid();
        schema["value.schema"] = "{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"array\"}]}";
        Assert.NotEmpty(new CsvSourceConnector().Validate(schema).Single(r => r.Name == "value.schema").ErrorMessages);
    }

    [Fact]
    public void Start_HaltOnErrorFalseWithoutErrorPath_Refused()
    {
        var props = Valid();
        props["halt.on.error"] = "false";

        var e = Assert.Throws<ConfigException>(() => new CsvSourceConnector().Start(props));

        Assert.Equal("error.path", e.Name);
    }

    [Fact]
    public void TaskConfigs_SplitFilesByStableHash_EachFileToExactlyOneTask()
    {
        var connector = new CsvSourceConnector();
        connector.Start(Valid());

        var configs = connector.TaskConfigs(3);

        Assert.Equal(3, configs.Count);
        Assert.Equal(["0", "1", "2"], configs.Select(c => c["task.index"]));
        var shares = Enumerable.Range(0, 50).Select(i => InputDirectory.ShareOf($"file-{i}.csv", 3)).ToList();
        Assert.All(shares, s => Assert.InRange(s, 0, 2));
        Assert.Equal(3, shares.Distinct().Count());
        Assert.Equal(InputDirectory.ShareOf("x.csv", 3), InputDirectory.ShareOf("x.csv", 3));
    }

    [Fact]
    public void SeparatorChar_CodeNameAndEscape_Parsed()
    {
        Assert.Equal(',', CsvChars.Parse("c", "44"));
        Assert.Equal('\t', CsvChars.Parse("c", "\\t"));
        Assert.Equal('\t', CsvChars.Parse("c", "9"));
        Assert.Equal('|', CsvChars.Parse("c", "|"));
        Assert.Throws<ConfigException>(() => CsvChars.Parse("c", "é"));
    }

    [Fact]
    public void AlterOffsets_RowMustBeNonNegative()
    {
        var partition = new Dictionary<string, object?> { ["filename"] = "a.csv" };
        var connector = new CsvSourceConnector();

        Assert.True(connector.AlterOffsets(Valid(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, new Dictionary<string, object?> { ["row"] = 3L })]));
        Assert.Throws<ConnectException>(() => connector.AlterOffsets(Valid(), [KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, new Dictionary<string, object?> { ["row"] = -3L })]));
    }

    [Fact]
    public void SinkConnector_RequiresOutputPath_TaskPerMaxTasks()
    {
        var e = Assert.Throws<ConfigException>(() => new CsvSinkConnector().Start(new Dictionary<string, string> { ["topics"] = "t" }));
        Assert.Equal("output.path", e.Name);

        var connector = new CsvSinkConnector();
        connector.Start(new Dictionary<string, string> { ["topics"] = "t", ["output.path"] = "/out" });
        Assert.Equal(2, connector.TaskConfigs(2).Count);
    }

    [Fact]
    public void SourceConnector_AnswersToSpooldirName()
    {
        var alias = (PluginAliasAttribute)Attribute.GetCustomAttribute(typeof(CsvSourceConnector), typeof(PluginAliasAttribute))!;
        Assert.Contains("com.github.jcustenborder.kafka.connect.spooldir.SpoolDirCsvSourceConnector", alias.Aliases);
    }
}
