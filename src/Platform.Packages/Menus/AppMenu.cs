using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Format;

namespace Platform.Packages.Menus;

/// <summary>An app's menu (<c>menus.json</c>): groups of items, each pointing at one thing of the app.</summary>
public sealed record AppMenu(IReadOnlyList<MenuGroup> Groups)
{
    /// <summary>The groups and items the user may see (roles); groups left without items disappear.</summary>
    public AppMenu VisibleTo(UserContext user) => new(Groups
        .Where(g => MenuRoles.Allows(g.Roles, user))
        .Select(g => g with { Items = g.Items.Where(i => MenuRoles.Allows(i.Roles, user)).ToList() })
        .Where(g => g.Items.Count > 0)
        .ToList());

    public IEnumerable<MenuItem> Items => Groups.SelectMany(g => g.Items);
}

/// <summary>A titled group of menu items; <see cref="Roles"/> empty means everyone of the app.</summary>
public sealed record MenuGroup(string Key, LocalizedText Label, string? Icon, IReadOnlyList<string> Roles, IReadOnlyList<MenuItem> Items);

/// <summary>What a menu item opens.</summary>
public enum MenuTarget { Form, NewRecord, Dashboard, Report, Todo }

/// <summary>
/// One menu item: a form's record list (optionally narrowed by a <see cref="Filter"/> in the form engine's filter
/// model, a "list view"), the form's new-record page, a dashboard, a report, or the to-do center.
/// </summary>
public sealed record MenuItem(string Key, LocalizedText Label, string? Icon, IReadOnlyList<string> Roles, MenuTarget Target, string? TargetKey,
    JsonObject? Filter = null);

internal static class MenuRoles
{
    public static bool Allows(IReadOnlyList<string> roles, UserContext user) =>
        roles.Count == 0 || user.IsAdministrator || roles.Any(user.Roles.Contains);
}
