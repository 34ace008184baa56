using Platform.Forms.Definitions;
using Platform.Reports.Definitions;

namespace Platform.Reports.Sources;

/// <summary>Columns of forms.records every form has, addressed as in list views: <c>_owner</c>, <c>_createdAt</c> ….</summary>
internal static class SystemFields
{
    public sealed record SystemField(string Key, string Column, FieldKind Kind, LocalizedText Label);

    public static readonly IReadOnlyList<SystemField> All =
    [
        new("_id", "id", FieldKind.Text, new("Record", "记录")),
        new("_title", "title", FieldKind.Text, new("Title", "标题")),
        new("_owner", "owner_id", FieldKind.Member, new("Owner", "负责人")),
        new("_department", "department_id", FieldKind.Department, new("Department", "部门")),
        new("_partner", "partner_id", FieldKind.Partner, new("Partner", "渠道伙伴")),
        new("_createdBy", "created_by", FieldKind.Member, new("Created by", "创建人")),
        new("_createdAt", "created_at", FieldKind.DateTime, new("Created at", "创建时间")),
        new("_updatedBy", "updated_by", FieldKind.Member, new("Updated by", "更新人")),
        new("_updatedAt", "updated_at", FieldKind.DateTime, new("Updated at", "更新时间")),
    ];

    public static SystemField? Find(string key) => All.FirstOrDefault(f => f.Key == key);
}
