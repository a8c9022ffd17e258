using System.CommandLine;
using Pipeline.Cli.Tools;

namespace Pipeline.Cli.Commands;

/// <summary>
/// Topic names given as Kafka's <c>--topic NAME</c> (repeatable, or comma-separated) or, shorter,
/// as arguments: <c>pipeline topics create orders</c>. One instance per command.
/// </summary>
internal sealed class TopicNames
{
    public TopicNames(string description)
    {
        Option = new Option<string[]>("--topic", "-t") { Description = description, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        Argument = new Argument<string[]>("topic") { Description = description + " (same as --topic)", Arity = ArgumentArity.ZeroOrMore };
    }

    public Option<string[]> Option { get; }

    public Argument<string[]> Argument { get; }

    public Command AddTo(Command command)
    {
        command.Options.Add(Option);
        command.Arguments.Add(Argument);
        return command;
    }

    public IReadOnlyList<string> Get(ParseResult parse) =>
        [.. NotOptions(parse.GetValue(Option) ?? []).Concat(NotOptions(parse.GetValue(Argument) ?? []))
            .SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A variadic argument swallows a mistyped option (--partitionz 3 becomes two names): a name
    /// that starts with '-' is reported as the unknown option it almost surely is.
    /// </summary>
    internal static IEnumerable<string> NotOptions(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            if (v.StartsWith('-'))
            {
                throw ToolException.Usage($"unknown option '{v}' (see --help)");
            }

            yield return v;
        }
    }

    /// <summary>The names, at least one: none is a usage error.</summary>
    public IReadOnlyList<string> Required(ParseResult parse, string example)
    {
        var names = Get(parse);
        return names.Count > 0 ? names : throw ToolException.Usage($"which topic? Pass --topic NAME (e.g. {example})");
    }

    /// <summary>Exactly one name.</summary>
    public string Single(ParseResult parse, string example)
    {
        var names = Required(parse, example);
        return names.Count == 1 ? names[0] : throw ToolException.Usage($"one topic at a time, got {names.Count}: {string.Join(", ", names)}");
    }
}
