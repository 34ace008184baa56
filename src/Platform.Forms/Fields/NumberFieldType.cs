namespace Platform.Forms.Fields;

/// <summary>A plain number.</summary>
public sealed class NumberFieldType : NumericFieldTypeBase
{
    public override string Name => "number";
    public override string Widget => "number";
}
