using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Reports.Definitions;

namespace Platform.Reports.Compilation;

/// <summary>The value a parameter has for one run: a date range, a number, or one or more text keys.</summary>
internal abstract record ParameterValue
{
    public sealed record Range(DateRange Value) : ParameterValue;
    public sealed record Number(decimal Value) : ParameterValue;
    public sealed record Keys(IReadOnlyList<string> Values) : ParameterValue;
}

/// <summary>Checks the values a caller passes for a report's parameters and fills in defaults.</summary>
internal sealed class ParameterBinder(ReportClock clock)
{
    public IReadOnlyDictionary<string, ParameterValue> Bind(ReportDefinition report, IReadOnlyDictionary<string, JsonNode?>? given)
    {
        var errors = new List<ReportError>();
        foreach (var key in given?.Keys ?? [])
        {
            if (report.Parameter(key) is null)
                errors.Add(new($"parameters.{key}", $"The report has no parameter '{key}'.", $"报表没有参数“{key}”。"));
        }
        var values = new Dictionary<string, ParameterValue>();
        foreach (var p in report.Parameters)
        {
            var input = given is not null && given.TryGetValue(p.Key, out var v) ? v : p.Default;
            var path = $"parameters.{p.Key}";
            try
            {
                var value = Convert(p, input);
                if (value is not null) values[p.Key] = value;
                else if (p.Required)
                    errors.Add(new(path, $"The parameter '{p.Key}' is required.", $"参数“{p.Key}”必须填写。"));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
            {
                errors.Add(new(path, $"The value of '{p.Key}' is not a valid {Describe(p.Type).En}.", $"参数“{p.Key}”的值不是有效的{Describe(p.Type).Zh}。"));
            }
        }
        if (errors.Count > 0) throw new ReportException(errors);
        return values;
    }

    private ParameterValue? Convert(ParameterDefinition p, JsonNode? input)
    {
        if (input is null || input is JsonValue jv && jv.TryGetValue<string>(out var blank) && blank.Length == 0) return null;
        switch (p.Type)
        {
            case ParameterType.DateRange:
                return new ParameterValue.Range(ReadRange(input));
            case ParameterType.Number:
                return new ParameterValue.Number(input.GetValue<decimal>());
            default:
                var keys = input is JsonArray a
                    ? a.Select(n => n?.GetValue<string>() ?? throw new FormatException()).ToList()
                    : [input.GetValue<string>()];
                if (p.Type is not ParameterType.MultiSelect && keys.Count > 1) throw new FormatException();
                if (p.Type is ParameterType.Member or ParameterType.Department or ParameterType.Partner && keys.Any(k => !Guid.TryParse(k, out _)))
                    throw new FormatException();
                return keys.Count == 0 ? null : new ParameterValue.Keys(keys);
        }
    }

    private DateRange ReadRange(JsonNode input)
    {
        if (input is JsonValue v && v.TryGetValue<string>(out var name))
            return clock.NamedRange(name) ?? throw new FormatException();
        if (input is not JsonObject o) throw new FormatException();
        var from = Date(o["from"]);
        var to = Date(o["to"]);
        if (from is null || to is null || to < from) throw new FormatException();
        return new DateRange(from.Value, to.Value);
    }

    private DateOnly? Date(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? clock.ParseDate(s) : null;

    private static (string En, string Zh) Describe(ParameterType type) => type switch
    {
        ParameterType.DateRange => ("date range ({\"from\":\"yyyy-MM-dd\",\"to\":\"yyyy-MM-dd\"} or a name such as thisQuarter)", "日期范围"),
        ParameterType.Number => ("number", "数字"),
        ParameterType.Member or ParameterType.Department or ParameterType.Partner => ("id", "编号"),
        ParameterType.MultiSelect => ("list of keys", "选项列表"),
        _ => ("text", "文本"),
    };

    internal static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
