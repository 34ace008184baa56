using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Platform.Workflow.Actions;

/// <summary>
/// Delivers one outbox effect (mail, DingTalk/WeCom robot, HTTP request). Runs outside any transaction; a failure is retried
/// by the job runner, and every delivery carries the job's idempotency key so receivers can drop duplicates.
/// </summary>
internal sealed class EffectDelivery(IHttpClientFactory httpClients, IOptions<WorkflowOptions> options, TimeProvider time)
{
    public const string HttpClientName = "workflow";

    /// <summary>Delivers; for HTTP effects returns the parsed JSON response (null when the body is not JSON).</summary>
    public async Task<JsonNode?> DeliverAsync(JsonObject payload, string idempotencyKey, CancellationToken ct)
    {
        switch (payload["type"]?.GetValue<string>())
        {
            case "email":
                await SendMailAsync(payload, idempotencyKey, ct);
                return null;
            case "dingtalk":
                await PostRobotAsync(DingTalkUrl(payload["url"]!.GetValue<string>(), payload["secret"]?.GetValue<string>()),
                    new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = payload["text"]?.GetValue<string>() } }, idempotencyKey, ct);
                return null;
            case "wecom":
                await PostRobotAsync(payload["url"]!.GetValue<string>(),
                    new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = payload["text"]?.GetValue<string>() } }, idempotencyKey, ct);
                return null;
            case "http":
                return await SendHttpAsync(payload, idempotencyKey, ct);
            case "skip":
                return null;
            default:
                throw new InvalidOperationException($"Unknown effect type '{payload["type"]}'.");
        }
    }

    /// <summary>DingTalk robot signing: HMAC-SHA256 over "timestamp\nsecret" keyed by the secret, Base64, URL-encoded.</summary>
    internal string DingTalkUrl(string url, string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return url;
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        return url + (url.Contains('?') ? "&" : "?") + $"timestamp={timestamp}&sign={Uri.EscapeDataString(DingTalkSign(timestamp, secret))}";
    }

    internal static string DingTalkSign(long timestamp, string secret)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}"));
        return Convert.ToBase64String(hash);
    }

    private async Task PostRobotAsync(string url, JsonObject body, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        response.EnsureSuccessStatusCode();
        // Both robots answer 200 with {"errcode":N}; a non-zero code is a failure to retry or surface as an incident.
        if (TryParse(text) is JsonObject o && o["errcode"] is JsonValue code && code.GetValue<int>() != 0)
            throw new HttpRequestException($"Robot refused the message: {text}");
    }

    private async Task<JsonNode?> SendHttpAsync(JsonObject payload, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(payload["method"]!.GetValue<string>()), payload["url"]!.GetValue<string>());
        if (payload["body"]?.GetValue<string>() is { } body) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in payload["headers"]?.AsObject() ?? [])
            request.Headers.TryAddWithoutValidation(name, value?.GetValue<string>());
        request.Headers.Add("Idempotency-Key", key);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}", null, response.StatusCode);
        return TryParse(text);
    }

    private async Task SendMailAsync(JsonObject payload, string key, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var message = new MailMessage { From = new MailAddress(smtp.From), Subject = payload["subject"]?.GetValue<string>(), Body = payload["body"]?.GetValue<string>() };
        message.SubjectEncoding = message.BodyEncoding = Encoding.UTF8;
        foreach (var to in payload["to"]!.AsArray()) message.To.Add(to!.GetValue<string>());
        foreach (var cc in payload["cc"]?.AsArray() ?? []) message.CC.Add(cc!.GetValue<string>());
        message.Headers.Add("Message-ID", $"<{key.Replace(':', '.')}@workflow>");
        message.Headers.Add("X-Idempotency-Key", key);
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (smtp.UserName is not null) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        await client.SendMailAsync(message, ct);
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Reads a dotted path (data.items.0.id) from a JSON response.</summary>
    internal static JsonNode? Select(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }
}
