using Platform.Forms.Definitions;
using Platform.Reports.Definitions;

namespace Platform.Reports.Sources;

/// <summary>Columns of forms.records every form has, addressed in reports as <c>$name</c>.</summary>
internal static class SystemFields
{
    public sealed record SystemField(string Key, string Column, FieldKind Kind, LocalizedText Label);

    public static readonly IReadOnlyList<SystemField> All =
    [
        new("$id", "id", FieldKind.Text, new("Record", "记录")),
        new("$title", "title", FieldKind.Text, new("Title", "标题")),
        new("$owner", "owner_id", FieldKind.Member, new("Owner", "负责人")),
        new("$department", "department_id", FieldKind.Department, new("Department", "部门")),
        new("$partner", "partner_id", FieldKind.Partner, new("Partner", "渠道伙伴")),
        new("$createdBy", "created_by", FieldKind.Member, new("Created by", "创建人")),
        new("$createdAt", "created_at", FieldKind.DateTime, new("Created at", "创建时间")),
        new("$updatedBy", "updated_by", FieldKind.Member, new("Updated by", "更新人")),
        new("$updatedAt", "updated_at", FieldKind.DateTime, new("Updated at", "更新时间")),
    ];

    public static SystemField? Find(string key) => All.FirstOrDefault(f => f.Key == key);
}
