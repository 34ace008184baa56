using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Studio.Designers.Forms;

/// <summary>One entry of the designer's palette: a field type with its icon, name and the settings a new field starts with.</summary>
public sealed record PaletteItem(string Type, string Icon, LocalizedText Name, string Group);

/// <summary>Every field type the form engine knows, grouped as business users think of them.</summary>
public static class FieldPalette
{
    public static IReadOnlyList<PaletteItem> Items { get; } =
    [
        new("text", MudBlazor.Icons.Material.Filled.ShortText, new("Single line text", "单行文本"), "basic"),
        new("textarea", MudBlazor.Icons.Material.Filled.Notes, new("Multi-line text", "多行文本"), "basic"),
        new("richtext", MudBlazor.Icons.Material.Filled.FormatColorText, new("Rich text", "富文本"), "basic"),
        new("number", MudBlazor.Icons.Material.Filled.Numbers, new("Number", "数字"), "basic"),
        new("money", MudBlazor.Icons.Material.Filled.Payments, new("Money", "金额"), "basic"),
        new("percent", MudBlazor.Icons.Material.Filled.Percent, new("Percent", "百分比"), "basic"),
        new("date", MudBlazor.Icons.Material.Filled.CalendarToday, new("Date", "日期"), "basic"),
        new("datetime", MudBlazor.Icons.Material.Filled.Schedule, new("Date and time", "日期时间"), "basic"),
        new("select", MudBlazor.Icons.Material.Filled.ArrowDropDownCircle, new("Single select", "单选"), "choice"),
        new("multiselect", MudBlazor.Icons.Material.Filled.Checklist, new("Multi select", "多选"), "choice"),
        new("checkbox", MudBlazor.Icons.Material.Filled.CheckBox, new("Checkbox", "复选框"), "choice"),
        new("phone", MudBlazor.Icons.Material.Filled.Phone, new("Phone", "电话"), "contact"),
        new("email", MudBlazor.Icons.Material.Filled.Email, new("Email", "邮箱"), "contact"),
        new("url", MudBlazor.Icons.Material.Filled.Link, new("Link", "链接"), "contact"),
        new("address", MudBlazor.Icons.Material.Filled.Place, new("Address", "地址"), "contact"),
        new("member", MudBlazor.Icons.Material.Filled.Person, new("Member", "成员"), "org"),
        new("department", MudBlazor.Icons.Material.Filled.AccountTree, new("Department", "部门"), "org"),
        new("partner", MudBlazor.Icons.Material.Filled.Handshake, new("Partner", "渠道伙伴"), "org"),
        new("relation", MudBlazor.Icons.Material.Filled.Link, new("Related record", "关联记录"), "advanced"),
        new("subtable", MudBlazor.Icons.Material.Filled.TableRows, new("Sub-table", "子表"), "advanced"),
        new("formula", MudBlazor.Icons.Material.Filled.Functions, new("Formula", "公式"), "advanced"),
        new("autonumber", MudBlazor.Icons.Material.Filled.Tag, new("Auto number", "自动编号"), "advanced"),
        new("attachment", MudBlazor.Icons.Material.Filled.AttachFile, new("Attachment", "附件"), "advanced"),
        new("image", MudBlazor.Icons.Material.Filled.Image, new("Image", "图片"), "advanced"),
    ];

    public static PaletteItem? Find(string type) => Items.FirstOrDefault(i => i.Type == type);

    /// <summary>Types a sub-table line may hold (the engine refuses nested sub-tables and auto numbers).</summary>
    public static IEnumerable<PaletteItem> SubFieldTypes => Items.Where(i => i.Type is not ("subtable" or "autonumber"));

    /// <summary>A new field of <paramref name="type"/> that already passes the engine's checks, so a dropped field never breaks the draft.</summary>
    public static FieldDefinition NewField(string type, string key)
    {
        var item = Find(type) ?? throw new ArgumentException($"Unknown field type '{type}'.", nameof(type));
        var field = new FieldDefinition { Key = key, Type = type, Label = item.Name };
        return type switch
        {
            "select" or "multiselect" => field with
            {
                Options = [new OptionDefinition("option_1", new("Option 1", "选项 1"), "#1976d2"), new OptionDefinition("option_2", new("Option 2", "选项 2"), "#2e7d32")],
            },
            "subtable" => field with { Fields = [NewField("text", "item"), NewField("number", "qty")] },
            "formula" => field with { Expression = "0" },
            "autonumber" => field with { NumberPattern = "NO-{yyyy}{MM}-{0000}" },
            "checkbox" => field with { Default = JsonValue.Create(false) },
            _ => field,
        };
    }
}
