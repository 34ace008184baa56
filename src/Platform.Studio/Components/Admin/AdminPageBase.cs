using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Components.Admin;

/// <summary>
/// What every admin component shares: the acting administrator, texts, and one way to run an action that turns a
/// refusal into a message in the user's language instead of a broken circuit.
/// </summary>
public abstract class AdminPageBase : ComponentBase
{
    [Inject] protected IStudioText Text { get; set; } = default!;
    [Inject] protected CurrentUser Current { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The last refusal, shown by the page next to what the user did.</summary>
    protected string? Error { get; set; }

    protected static bool Chinese => StudioCultures.IsChinese(CultureInfo.CurrentUICulture);

    protected static string Culture => CultureInfo.CurrentUICulture.Name;

    protected Task<UserContext> ActorAsync() => Current.RequireAsync(CancellationToken.None);

    /// <summary>Runs <paramref name="action"/>; true when it succeeded, otherwise <see cref="Error"/> says why.</summary>
    protected async Task<bool> TryAsync(Func<UserContext, Task> action)
    {
        Error = null;
        try
        {
            await action(await ActorAsync());
            return true;
        }
        catch (Exception e) when (MessageOf(e) is { } message)
        {
            Error = message;
            return false;
        }
    }

    /// <summary>The user-facing text of a refusal; null for a bug, which should surface.</summary>
    public static string? MessageOf(Exception e) => e switch
    {
        OrganizationException o => Chinese ? o.MessageZh : o.Message,
        DefinitionException d => string.Join(" ", d.Errors.Select(Pick)),
        WorkflowNotFoundException w => Pick(w.Message),
        UnauthorizedAccessException u => Pick(u.Message),
        _ => null,
    };

    /// <summary>Engines write bilingual messages as "English / 中文"; show the half in the user's language.</summary>
    public static string Pick(string message)
    {
        var at = message.LastIndexOf(" / ", StringComparison.Ordinal);
        if (at < 0) return message;
        return Chinese ? message[(at + 3)..] : message[..at];
    }
}
