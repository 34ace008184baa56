using System.Globalization;
using Platform.Reports.Definitions;

namespace Platform.Studio.Runtime.Dashboards;

/// <summary>Measure values as the viewer reads them on KPI cards and tables.</summary>
public static class ReportValues
{
    public static string Format(decimal? value, ValueFormat format, int? precision, CultureInfo culture)
    {
        if (value is not { } v) return "—";
        return format switch
        {
            ValueFormat.Integer => Math.Round(v).ToString("N0", culture),
            ValueFormat.Money => v.ToString("N" + (precision ?? 2), culture),
            // Ratio measures give fractions (0.25) while averages of percent fields give 25; a percent above 1 is read as already scaled.
            ValueFormat.Percent => (Math.Abs(v) <= 1 ? v * 100 : v).ToString("N" + (precision ?? 1), culture) + "%",
            _ => v.ToString("N" + (precision ?? (v == Math.Round(v) ? 0 : 2)), culture),
        };
    }
}
