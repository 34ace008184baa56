using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Packages.Format;
using LocalizedText = Platform.Packages.Format.LocalizedText;

namespace Platform.Packages.Menus;

/// <summary>
/// Reads and checks <c>menus.json</c>; every problem is reported with the path of the group or item it concerns.
/// Targets are checked against what the app will have: <paramref name="targets"/> lists its forms (with field keys),
/// reports, dashboards and roles.
/// </summary>
internal static class MenuReader
{
    public const string File = "menus.json";

    private static readonly JsonSerializerOptions Filters = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static AppMenu? Read(JsonNode? node, MenuTargets targets, List<PackageError> errors)
    {
        if (node is null) return null;
        if (node is not JsonObject root || root["groups"] is not JsonArray groups)
        {
            errors.Add(new PackageError(File, "must be an object with a \"groups\" array / 必须是带 \"groups\" 数组的对象"));
            return null;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<MenuGroup>();
        foreach (var (groupNode, gi) in groups.Select((g, i) => (g, i)))
        {
            var where = $"group #{gi + 1}";
            if (groupNode is not JsonObject group) { errors.Add(new PackageError(File, $"{where}: must be an object / 必须是对象")); continue; }
            var key = Key(group, where, keys, errors);
            where = $"group '{key ?? (gi + 1).ToString()}'";
            var label = Label(group, where, errors);
            var roles = Roles(group, where, targets, errors);
            var items = new List<MenuItem>();
            if (group["items"] is not JsonArray itemNodes || itemNodes.Count == 0)
                errors.Add(new PackageError(File, $"{where}: needs a non-empty \"items\" array / 需要非空的 \"items\" 数组"));
            else
                foreach (var (itemNode, ii) in itemNodes.Select((n, i) => (n, i)))
                    if (ReadItem(itemNode, $"{where}, item #{ii + 1}", keys, targets, errors) is { } item) items.Add(item);
            if (key is not null && label is not null) result.Add(new MenuGroup(key, label, Text(group["icon"]), roles, items));
        }
        return new AppMenu(result);
    }

    private static MenuItem? ReadItem(JsonNode? node, string where, HashSet<string> keys, MenuTargets targets, List<PackageError> errors)
    {
        if (node is not JsonObject item) { errors.Add(new PackageError(File, $"{where}: must be an object / 必须是对象")); return null; }
        var key = Key(item, where, keys, errors);
        where = key is null ? where : $"item '{key}'";
        var label = Label(item, where, errors);
        var roles = Roles(item, where, targets, errors);
        var given = new[] { "form", "newRecord", "dashboard", "report", "todo" }.Where(t => item[t] is not null).ToList();
        if (given.Count != 1)
        {
            errors.Add(new PackageError(File, $"{where}: needs exactly one target of form, newRecord, dashboard, report, todo (found {given.Count}) / 需要且只能有一个目标（form、newRecord、dashboard、report、todo）"));
            return null;
        }
        var target = given[0] switch
        {
            "form" => MenuTarget.Form, "newRecord" => MenuTarget.NewRecord, "dashboard" => MenuTarget.Dashboard,
            "report" => MenuTarget.Report, _ => MenuTarget.Todo,
        };
        var targetKey = target == MenuTarget.Todo ? null : Text(item[given[0]]);
        if (target == MenuTarget.Todo && !(item["todo"] is JsonValue todo && todo.TryGetValue<bool>(out var on) && on))
        {
            errors.Add(new PackageError(File, $"{where}: \"todo\" must be true / \"todo\" 必须为 true"));
            return null;
        }
        var known = targets.AcceptAll || target switch
        {
            MenuTarget.Form or MenuTarget.NewRecord => targetKey is not null && targets.Forms.ContainsKey(targetKey),
            MenuTarget.Dashboard => targetKey is not null && targets.Dashboards.Contains(targetKey),
            MenuTarget.Report => targetKey is not null && targets.Reports.Contains(targetKey),
            _ => true,
        };
        if (!known)
        {
            errors.Add(new PackageError(File, $"{where}: unknown {given[0]} '{targetKey}' (not in the package or the app) / 未知的目标 {given[0]}“{targetKey}”"));
            return null;
        }
        var filter = item["filter"] as JsonObject;
        if (item["filter"] is not null && (target != MenuTarget.Form || filter is null))
            errors.Add(new PackageError(File, $"{where}: \"filter\" is an object and only goes with \"form\" / \"filter\" 必须是对象，且只用于 form"));
        else if (filter is not null && !targets.AcceptAll) CheckFilter(filter, targets.Forms[targetKey!], where, errors);
        return key is null || label is null ? null : new MenuItem(key, label, Text(item["icon"]), roles, target, targetKey, filter?.DeepClone().AsObject());
    }

    private static void CheckFilter(JsonObject filter, IReadOnlySet<string> fields, string where, List<PackageError> errors)
    {
        FilterNode? node;
        try { node = filter.Deserialize<FilterNode>(Filters); }
        catch (JsonException e) { errors.Add(new PackageError(File, $"{where}: the filter is not valid: {e.Message} / 筛选条件无效")); return; }
        foreach (var field in Fields(node).Where(f => !f.StartsWith('_') && !fields.Contains(f)))
            errors.Add(new PackageError(File, $"{where}: the filter names '{field}', which is not a field of the form / 筛选字段“{field}”不是表单字段"));
    }

    private static IEnumerable<string> Fields(FilterNode? node) => node is null ? [] :
        (node.Field is { } f ? [f] : Enumerable.Empty<string>()).Concat((node.And ?? []).Concat(node.Or ?? []).SelectMany(Fields));

    private static string? Key(JsonObject node, string where, HashSet<string> keys, List<PackageError> errors)
    {
        var key = Text(node["key"]);
        if (key is null || !FormDefinitionParser.IsValidKey(key))
        {
            errors.Add(new PackageError(File, $"{where}: needs a key of lowercase letters, digits and underscores / 需要由小写字母、数字和下划线组成的 key"));
            return null;
        }
        if (!keys.Add(key)) errors.Add(new PackageError(File, $"{where}: the key '{key}' is used more than once in the menu / key“{key}”在菜单中重复"));
        return key;
    }

    private static LocalizedText? Label(JsonObject node, string where, List<PackageError> errors)
    {
        if (node["label"] is JsonObject label && Text(label["zh"]) is { } zh) return new LocalizedText { Zh = zh, En = Text(label["en"]) };
        errors.Add(new PackageError(File, $"{where}: needs a label {{\"zh\": …, \"en\": …}} / 需要标签 label（zh 必填）"));
        return null;
    }

    private static List<string> Roles(JsonObject node, string where, MenuTargets targets, List<PackageError> errors)
    {
        var roles = new List<string>();
        if (node["roles"] is null) return roles;
        if (node["roles"] is not JsonArray array) { errors.Add(new PackageError(File, $"{where}: \"roles\" must be an array / \"roles\" 必须是数组")); return roles; }
        foreach (var role in array.Select(Text))
            if (role is null || !targets.AcceptAll && !targets.Roles.Contains(role))
                errors.Add(new PackageError(File, $"{where}: unknown role '{role}' (not in roles.json or the platform) / 未知角色“{role}”"));
            else roles.Add(role);
        return roles;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>The menu as canonical JSON (the stored form, the exported file and the hash input).</summary>
    public static string Serialize(AppMenu menu)
    {
        static JsonObject Common(string key, LocalizedText label, string? icon, IReadOnlyList<string> roles)
        {
            var o = new JsonObject { ["key"] = key, ["label"] = new JsonObject { ["zh"] = label.Zh, ["en"] = label.En } };
            if (icon is not null) o["icon"] = icon;
            if (roles.Count > 0) o["roles"] = new JsonArray(roles.Select(r => (JsonNode?)r).ToArray());
            return o;
        }
        var groups = new JsonArray();
        foreach (var g in menu.Groups)
        {
            var group = Common(g.Key, g.Label, g.Icon, g.Roles);
            var items = new JsonArray();
            foreach (var i in g.Items)
            {
                var item = Common(i.Key, i.Label, i.Icon, i.Roles);
                switch (i.Target)
                {
                    case MenuTarget.Form: item["form"] = i.TargetKey; break;
                    case MenuTarget.NewRecord: item["newRecord"] = i.TargetKey; break;
                    case MenuTarget.Dashboard: item["dashboard"] = i.TargetKey; break;
                    case MenuTarget.Report: item["report"] = i.TargetKey; break;
                    default: item["todo"] = true; break;
                }
                if (i.Filter is not null) item["filter"] = Sorted(i.Filter);
                items.Add(item);
            }
            group["items"] = items;
            groups.Add(group);
        }
        return new JsonObject { ["groups"] = groups }.ToJsonString(Canonical) + "\n";
    }

    /// <summary>Keys in order, so a filter read back from jsonb (which reorders keys) hashes the same.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}

/// <summary>What menu items may point at: forms (with their field keys), reports, dashboards; and the roles that exist.</summary>
internal sealed record MenuTargets(
    IReadOnlyDictionary<string, IReadOnlySet<string>> Forms, IReadOnlySet<string> Reports, IReadOnlySet<string> Dashboards, IReadOnlySet<string> Roles,
    bool AcceptAll = false)
{
    /// <summary>Accepts every target and role (reading a menu that was checked when it was installed).</summary>
    public static MenuTargets Any { get; } = new(new Dictionary<string, IReadOnlySet<string>>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), true);
}
