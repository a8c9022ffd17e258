using Pipeline.Client;
using Pipeline.Client.Config;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools;

/// <summary>
/// Runs a tool's body and turns what it throws into one line on stderr and an exit code: the
/// tool's own explanations as they are, Kafka errors with a hint where the fix is known, and
/// anything unexpected with its type (a bug: the stack trace only with PIPELINE_DEBUG=1).
/// </summary>
internal static class ToolRunner
{
    public static async Task<int> RunAsync(ToolConsole console, string tool, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var prefix = $"pipeline {tool}: ";
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (ToolException e)
        {
            await console.Error.WriteLineAsync(prefix + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (KafkaConfigException e)
        {
            await console.Error.WriteLineAsync(prefix + e.Message + " (check -X and --command-config)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (KafkaException e)
        {
            await console.Error.WriteLineAsync(prefix + Describe(e)).ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync(prefix + "interrupted").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync(prefix + e.Message).ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("PIPELINE_DEBUG") != "1")
        {
            await console.Error.WriteLineAsync($"{prefix}unexpected {e.GetType().Name}: {e.Message} (PIPELINE_DEBUG=1 shows the stack trace)").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        finally
        {
            await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A Kafka error in words, with what to do for the errors people run into at a prompt.</summary>
    public static string Describe(KafkaException e) => Describe(e.Error);

    public static string Describe(KafkaError error)
    {
        var text = error.ToString();
        var hint = error.Code switch
        {
            ErrorCode.UnknownTopicOrPartition => "no such topic or partition: `pipeline topics describe` shows them",
            ErrorCode.TopicAlreadyExists => "pass --if-not-exists to ignore it",
            ErrorCode.RequestTimedOut => "the broker did not answer in time: is it up and reachable (--bootstrap-server)?",
            ErrorCode.InvalidReplicationFactor => "a single-node `pipeline up` takes --replication-factor 1",
            ErrorCode.NonEmptyGroup => "stop the group's consumers first",
            ErrorCode.GroupIdNotFound => "`pipeline groups list` shows the groups",
            _ => null,
        };
        return hint is null ? text : $"{text} ({hint})";
    }
}
