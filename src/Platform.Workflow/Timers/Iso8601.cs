using System.Globalization;
using System.Xml;

namespace Platform.Workflow.Timers;

/// <summary>ISO 8601 durations (PT30M, P7D, -P3D) and date-times as BPMN timers write them.</summary>
internal static class Iso8601
{
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            value = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static bool TryParseDate(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
