using Pipeline.Avro.Compatibility;
using Pipeline.Avro.Schemas;
using Xunit;

namespace Pipeline.Avro.Tests.Compatibility;

public sealed class CompatibilityLevelTests
{
    private static readonly Schema V1 = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f1","type":"string"}]}""");
    private static readonly Schema V2 = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string","default":"x"}]}""");
    private static readonly Schema V3NoDefault = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f1","type":"string"},{"name":"f2","type":"string"}]}""");
    private static readonly Schema DropF1 = Schema.Parse("""{"type":"record","name":"R","fields":[]}""");

    [Fact]
    public void None_ChecksNothing()
    {
        Assert.Empty(CompatibilityChecker.Check(CompatibilityLevel.None, Schema.Parse("\"int\""), [V1]));
    }

    [Fact]
    public void Backward_OnlyTheLatestVersion()
    {
        // The reference's example: [f1, f2 without default] passes against v2 but not transitively (v1 lacks f2).
        Assert.Empty(CompatibilityChecker.Check(CompatibilityLevel.Backward, V3NoDefault, [V1, V2]));

        var violation = Assert.Single(CompatibilityChecker.Check(CompatibilityLevel.BackwardTransitive, V3NoDefault, [V1, V2]));
        Assert.Equal((0, CompatibilityDirection.NewReadsPrevious, "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/1"),
            (violation.PreviousIndex, violation.Direction, violation.Incompatibility.TypeName, violation.Incompatibility.Location));
    }

    [Fact]
    public void Forward_OldReadsNew()
    {
        // Adding a field without default: old readers ignore it (forward ok), new reader lacks a default (backward fails).
        Assert.Empty(CompatibilityChecker.Check(CompatibilityLevel.Forward, V3NoDefault, [V1]));
        Assert.NotEmpty(CompatibilityChecker.Check(CompatibilityLevel.Backward, V3NoDefault, [V1]));

        // Removing a field without default: old reader needs it.
        var violation = Assert.Single(CompatibilityChecker.Check(CompatibilityLevel.Forward, DropF1, [V1]));
        Assert.Equal(CompatibilityDirection.PreviousReadsNew, violation.Direction);
        Assert.Equal("f1", violation.Incompatibility.Message);
    }

    [Fact]
    public void ForwardTransitive_ChecksEveryVersion()
    {
        var v2WithoutF1Default = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f1","type":"string","default":""},{"name":"f2","type":"string","default":"x"}]}""");

        Assert.Empty(CompatibilityChecker.Check(CompatibilityLevel.Forward, Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f2","type":"string"}]}"""), [V1, v2WithoutF1Default]));
        Assert.Single(CompatibilityChecker.Check(CompatibilityLevel.ForwardTransitive, Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f2","type":"string"}]}"""), [V1, v2WithoutF1Default]));
    }

    [Fact]
    public void Full_BothDirections()
    {
        Assert.Empty(CompatibilityChecker.Check(CompatibilityLevel.Full, V2, [V1]));
        var violations = CompatibilityChecker.Check(CompatibilityLevel.Full, Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"f1","type":"int"}]}"""), [V1]);
        Assert.Equal([CompatibilityDirection.NewReadsPrevious, CompatibilityDirection.PreviousReadsNew], violations.Select(v => v.Direction));
    }

    [Fact]
    public void FullTransitive_LatestFirst()
    {
        var violations = CompatibilityChecker.Check(CompatibilityLevel.FullTransitive, Schema.Parse("\"int\""), [V1, V2]);

        Assert.Equal([1, 1, 0, 0], violations.Select(v => v.PreviousIndex));
        Assert.True(CompatibilityChecker.IsCompatible(CompatibilityLevel.FullTransitive, V2, [V1, V2]));
    }

    [Theory]
    [InlineData("NONE", CompatibilityLevel.None)]
    [InlineData("backward", CompatibilityLevel.Backward)]
    [InlineData("BACKWARD_TRANSITIVE", CompatibilityLevel.BackwardTransitive)]
    [InlineData("FORWARD", CompatibilityLevel.Forward)]
    [InlineData("FORWARD_TRANSITIVE", CompatibilityLevel.ForwardTransitive)]
    [InlineData("FULL", CompatibilityLevel.Full)]
    [InlineData("FULL_TRANSITIVE", CompatibilityLevel.FullTransitive)]
    public void Levels_ParseAndPrintTheRestNames(string text, CompatibilityLevel level)
    {
        Assert.True(CompatibilityLevels.TryParse(text, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(text.ToUpperInvariant(), CompatibilityLevels.Name(level));
    }
}
