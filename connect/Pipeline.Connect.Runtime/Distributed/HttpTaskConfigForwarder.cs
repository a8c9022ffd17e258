using System.Net.Http.Json;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>Posts task configs to the leader's <c>/connectors/{c}/tasks</c> as Kafka's workers do (a JSON array of config maps).</summary>
public sealed class HttpTaskConfigForwarder(HttpClient http) : ITaskConfigForwarder
{
    public async Task ForwardAsync(string leaderUrl, string connector, IReadOnlyList<IReadOnlyDictionary<string, string>> taskConfigs, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{leaderUrl.TrimEnd('/')}/connectors/{Uri.EscapeDataString(connector)}/tasks?forward=true");
        using var response = await http.PostAsJsonAsync(uri, taskConfigs, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"the leader at {leaderUrl} refused the task configs of {connector}: {(int)response.StatusCode} {body}");
        }
    }
}
