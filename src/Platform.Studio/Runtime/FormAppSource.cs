using System.Globalization;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Permissions;
using Platform.Studio.Components.Home;

namespace Platform.Studio.Runtime;

/// <summary>The form engine's apps on the home page: those with at least one published form the user may read.</summary>
internal sealed class FormAppSource(IFormDefinitions definitions, IRecordPermissions permissions) : IStudioAppSource
{
    public async Task<IReadOnlyList<StudioAppTile>> ListAsync(UserContext user, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        var tiles = new List<StudioAppTile>();
        foreach (var app in await definitions.ListAppsAsync(ct))
        {
            var readable = 0;
            foreach (var form in await definitions.ListFormsAsync(app.Key, ct))
            {
                if (form.PublishedVersion is null) continue;
                if (await definitions.GetPublishedAsync(app.Key, form.Key, ct) is { } definition && permissions.Resolve(user, definition).Can(FormAction.Read))
                    readable++;
            }
            if (readable > 0 || user.IsAdministrator)
                tiles.Add(new StudioAppTile(app.Key, app.Name.For(culture), $"/apps/{Uri.EscapeDataString(app.Key)}", app.Description));
        }
        return tiles;
    }
}
