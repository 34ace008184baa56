using System.Globalization;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>An amount in the field's currency (CNY unless set), with its precision (2 unless set).</summary>
public sealed class MoneyFieldType : NumericFieldTypeBase
{
    public override string Name => "money";
    public override string Widget => "money";

    protected override string FormatNumber(FieldDefinition field, decimal value, CultureInfo culture) =>
        $"{field.Currency ?? "CNY"} {value.ToString("N" + (field.Precision ?? 2), culture)}";
}
