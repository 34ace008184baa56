namespace Platform.Forms.Fields;

/// <summary>A partner organisation (or several).</summary>
public sealed class PartnerFieldType : IdFieldTypeBase
{
    public override string Name => "partner";
    public override string Widget => "partner-picker";
    protected override (string En, string Zh) Noun => ("partner", "渠道伙伴");
}
