using System.Text.Json;
using Pipeline.Testing.IO;
using Pipeline.Testing.Processes;

namespace Pipeline.Client.Tests.Consumer.Interop;

/// <summary>
/// A confluent-kafka (librdkafka 2.0) consumer running <c>confluent_member.py</c> as a child
/// process: a real foreign member of the same group. Its rebalance events and records are read
/// from its JSON lines. Fails loudly when python3 or confluent_kafka is missing.
/// </summary>
internal sealed class ConfluentMember : IDisposable
{
    private readonly RunningProcess _process;

    private ConfluentMember(RunningProcess process) => _process = process;

    public static async Task<ConfluentMember> StartAsync(string bootstrap, string group, string topic, string strategy)
    {
        var python = await RequiredTool.PythonWithModuleAsync("confluent_kafka", "python3-confluent-kafka");
        var script = RepoPaths.Combine("tests", "Pipeline.Client.Tests", "Consumer", "Interop", "confluent_member.py");
        var process = ProcessRunner.Start(new ProcessSpec(python, [script, bootstrap, group, topic, strategy]) { RedirectStandardInput = true, DisplayName = "confluent_member.py" });
        try
        {
            await process.WaitForLineAsync(l => l.Contains("\"started\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            return new ConfluentMember(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public string Output => _process.Output;

    /// <summary>The partitions it holds after its latest rebalance callback (empty before the first).</summary>
    public IReadOnlyList<int> Assignment => Events().LastOrDefault(e => e.Event is "assigned" or "revoked" or "lost")?.Assignment ?? [];

    public List<MemberEvent> Events() =>
        [.. _process.Lines.Where(l => !l.IsError && l.Text.StartsWith('{')).Select(l => JsonSerializer.Deserialize<MemberEvent>(l.Text, JsonOptions)!)];

    public IEnumerable<string> Values => Events().Where(e => e.Event == "record").Select(e => e.Value!);

    /// <summary>Waits until it holds <paramref name="count"/> partitions.</summary>
    public async Task WaitForAssignmentAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Assignment.Count != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"confluent_member.py did not come to hold {count} partitions; it said:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Asks it to close (it leaves the group) and waits for it to exit.</summary>
    public async Task CloseAsync()
    {
        await _process.StandardInput.WriteLineAsync("quit");
        await _process.StandardInput.FlushAsync();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose() => _process.Dispose();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}
