namespace Platform.Forms.Fields;

/// <summary>A platform user (or several).</summary>
public sealed class MemberFieldType : IdFieldTypeBase
{
    public override string Name => "member";
    public override string Widget => "member-picker";
    protected override (string En, string Zh) Noun => ("user", "用户");
}
