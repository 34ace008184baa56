using System.Globalization;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>A percentage stored as the number shown (15 means 15%).</summary>
public sealed class PercentFieldType : NumericFieldTypeBase
{
    public override string Name => "percent";
    public override string Widget => "percent";

    protected override string FormatNumber(FieldDefinition field, decimal value, CultureInfo culture) =>
        value.ToString("N" + (field.Precision ?? 2), culture) + "%";
}
