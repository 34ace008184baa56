using System.Text.Json.Nodes;
using Platform.Core.Organization;

namespace Platform.Workflow.Runtime;

/// <summary>Starting instances by hand or from an inbound webhook.</summary>
public interface IWorkflowRuntime
{
    /// <summary>Starts the current version of <paramref name="key"/> at its manual start event, optionally on a record.</summary>
    Task<Guid> StartAsync(string key, Guid? recordId, JsonObject? variables, UserContext user, CancellationToken ct);

    /// <summary>
    /// Starts the current version at its webhook start event. The JSON body's properties become variables. When the start
    /// event has a secret, <paramref name="signature"/> must be "sha256=" + hex HMAC-SHA256 of the body. A repeated
    /// <paramref name="idempotencyKey"/> returns the instance started the first time.
    /// </summary>
    Task<Guid> HandleWebhookAsync(string key, byte[] body, string? signature, string? idempotencyKey, CancellationToken ct);
}
