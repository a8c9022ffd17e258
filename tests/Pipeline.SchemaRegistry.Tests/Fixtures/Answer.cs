using System.Text.Json;

namespace Pipeline.SchemaRegistry.Tests.Fixtures;

/// <summary>An HTTP answer: status, media type and body (parsed as JSON on demand).</summary>
public sealed record Answer(int Status, string? MediaType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int ErrorCode => Json.GetProperty("error_code").GetInt32();

    public string Message => Json.GetProperty("message").GetString()!;

    /// <summary>Asserts an error answer: HTTP status and error_code.</summary>
    public Answer AssertError(int status, int errorCode)
    {
        Assert.True(Status == status && ErrorCode == errorCode, $"expected {status}/{errorCode}, got {this}");
        return this;
    }

    public Answer AssertOk()
    {
        Assert.True(Status == 200, $"expected 200, got {this}");
        return this;
    }

    public override string ToString() => $"{Status} {MediaType}: {Body}";
}
