using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// An HTTP client of a Confluent-compatible registry with the Java client's caches: ids by
/// (subject, schema), schemas by id and subject versions never change once known, so they are
/// kept; "latest" is always asked. Thread-safe. Several URLs may be given (comma-separated); the
/// next one is tried when one cannot be reached.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistryClient
{
    private const string MediaType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly string[] _urls;
    private readonly ConcurrentDictionary<(string Subject, string Schema, bool Normalize), int> _idBySchema = new();
    private readonly ConcurrentDictionary<int, RegisteredSchema> _schemaById = new();
    private readonly ConcurrentDictionary<(string Subject, int Version), RegisteredSchema> _versions = new();

    /// <param name="urls">schema.registry.url: one or more base URLs, comma-separated.</param>
    public SchemaRegistryClient(string urls, TimeSpan? timeout = null)
    {
        _urls = urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => u.TrimEnd('/')).ToArray();
        if (_urls.Length == 0)
        {
            throw new ArgumentException("schema.registry.url is empty", nameof(urls));
        }

        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public async Task<int> RegisterSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default)
    {
        if (references is null or { Count: 0 } && _idBySchema.TryGetValue((subject, schema, normalize), out var cached))
        {
            return cached;
        }

        using var doc = await SendAsync(HttpMethod.Post, $"/subjects/{Escape(subject)}/versions{(normalize ? "?normalize=true" : "")}", Body(schema, references), cancellationToken).ConfigureAwait(false);
        var id = doc.RootElement.GetProperty("id").GetInt32();
        if (references is null or { Count: 0 })
        {
            _idBySchema[(subject, schema, normalize)] = id;
        }

        return id;
    }

    public async Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Post, $"/subjects/{Escape(subject)}?normalize={(normalize ? "true" : "false")}&deleted=false", Body(schema, references), cancellationToken).ConfigureAwait(false);
        var found = Read(doc.RootElement, null);
        if (references is null or { Count: 0 })
        {
            _idBySchema[(subject, schema, normalize)] = found.Id;
        }

        return found;
    }

    public async Task<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_schemaById.TryGetValue(id, out var cached))
        {
            return cached;
        }

        using var doc = await SendAsync(HttpMethod.Get, $"/schemas/ids/{id}", null, cancellationToken).ConfigureAwait(false);
        return _schemaById[id] = Read(doc.RootElement, id);
    }

    public async Task<RegisteredSchema> GetSchemaAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        if (version > 0 && _versions.TryGetValue((subject, version), out var cached))
        {
            return cached;
        }

        var path = $"/subjects/{Escape(subject)}/versions/{(version == -1 ? "latest" : version.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        using var doc = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var found = Read(doc.RootElement, null);
        _versions[(subject, found.Version ?? version)] = found;
        return found;
    }

    public async Task<bool> IsCompatibleAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Post, $"/compatibility/subjects/{Escape(subject)}/versions/latest", Body(schema, references), cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("is_compatible").GetBoolean();
    }

    public async Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, "/subjects", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    public async Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Get, $"/subjects/{Escape(subject)}/versions", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default)
    {
        using var doc = await SendAsync(HttpMethod.Delete, $"/subjects/{Escape(subject)}{(permanent ? "?permanent=true" : "")}", null, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    public void Dispose() => _http.Dispose();

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private static string Body(string schema, IReadOnlyList<SchemaReference>? references)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonDefaults.Writer))
        {
            w.WriteStartObject();
            w.WriteString("schema", schema);
            if (references is { Count: > 0 })
            {
                w.WriteStartArray("references");
                foreach (var r in references)
                {
                    w.WriteStartObject();
                    w.WriteString("name", r.Name);
                    w.WriteString("subject", r.Subject);
                    w.WriteNumber("version", r.Version);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static RegisteredSchema Read(JsonElement e, int? id)
    {
        var references = new List<SchemaReference>();
        if (e.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in refs.EnumerateArray())
            {
                references.Add(new SchemaReference(r.GetProperty("name").GetString()!, r.GetProperty("subject").GetString()!, r.GetProperty("version").GetInt32()));
            }
        }

        return new RegisteredSchema(
            id ?? e.GetProperty("id").GetInt32(),
            e.GetProperty("schema").GetString()!,
            e.TryGetProperty("schemaType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "AVRO",
            references,
            e.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
            e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        HttpRequestException? last = null;
        foreach (var url in _urls)
        {
            using var request = new HttpRequestMessage(method, url + path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                last = e;
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(text);
                }

                throw Error((int)response.StatusCode, text);
            }
        }

        throw new HttpRequestException($"no schema registry at {string.Join(", ", _urls)} could be reached: {last?.Message}", last);
    }

    private static SchemaRegistryClientException Error(int status, string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return new SchemaRegistryClientException(status, doc.RootElement.GetProperty("error_code").GetInt32(), doc.RootElement.GetProperty("message").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new SchemaRegistryClientException(status, 50005, body);
        }
    }
}
