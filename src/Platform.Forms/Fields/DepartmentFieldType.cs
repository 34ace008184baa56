namespace Platform.Forms.Fields;

/// <summary>A department (or several).</summary>
public sealed class DepartmentFieldType : IdFieldTypeBase
{
    public override string Name => "department";
    public override string Widget => "department-picker";
    protected override (string En, string Zh) Noun => ("department", "部门");
}
