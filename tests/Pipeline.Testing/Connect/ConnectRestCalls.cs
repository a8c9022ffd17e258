using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Pipeline.Testing.Connect;

/// <summary>The Kafka Connect REST calls the distributed data-flow tests make (in-process and with worker processes), with the retries a client of a cluster that is still electing a leader needs.</summary>
public sealed class ConnectRestCalls(HttpClient http)
{
    /// <summary>PUT /connectors/{name}/config on <paramref name="workerUrl"/>; a follower forwards it to the leader. 409 (no leader yet, rebalancing) is retried.</summary>
    public async Task PutConfigAsync(string workerUrl, string name, IReadOnlyDictionary<string, string> config, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await http.PutAsJsonAsync($"{workerUrl}/connectors/{name}/config", config);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (DateTime.UtcNow > deadline || (response.StatusCode != HttpStatusCode.Conflict && (int)response.StatusCode < 500))
            {
                Assert.Fail($"PUT {name} config on {workerUrl}: {(int)response.StatusCode} {body}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>GET /connectors/{name}/status: the connector's worker and each task's (id, state, worker_id); null while the worker answers an error.</summary>
    public async Task<ConnectorStatus?> StatusAsync(string workerUrl, string name)
    {
        using var response = await http.GetAsync($"{workerUrl}/connectors/{name}/status");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var connector = json.RootElement.GetProperty("connector");
        var tasks = json.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => new TaskStatus(t.GetProperty("id").GetInt32(), t.GetProperty("state").GetString()!, t.GetProperty("worker_id").GetString()!))
            .ToList();
        return new ConnectorStatus(connector.GetProperty("state").GetString()!, connector.GetProperty("worker_id").GetString()!, tasks);
    }

    /// <summary>
    /// The worker ids running the given connectors and their tasks, when each connector and all of
    /// its expected number of tasks are RUNNING; null until then.
    /// </summary>
    public async Task<HashSet<string>?> RunningWorkersAsync(string workerUrl, params (string Connector, int Tasks)[] expected)
    {
        var workers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (connector, tasks) in expected)
        {
            var status = await StatusAsync(workerUrl, connector);
            if (status is null || status.State != "RUNNING" || status.Tasks.Count != tasks || status.Tasks.Any(t => t.State != "RUNNING"))
            {
                return null;
            }

            workers.Add(status.WorkerId);
            workers.UnionWith(status.Tasks.Select(t => t.WorkerId));
        }

        return workers;
    }

    public sealed record ConnectorStatus(string State, string WorkerId, IReadOnlyList<TaskStatus> Tasks);

    public sealed record TaskStatus(int Id, string State, string WorkerId);
}
