using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Timers;

/// <summary>When a timer first falls due: now + duration, a fixed date, or a date read from the record or an expression.</summary>
internal sealed class TimerCalculator(IExpressionSandbox sandbox, IWorkflowRecords records, BusinessCalendar calendar)
{
    public async Task<DateTimeOffset> FirstDueAsync(StepContext ctx, TimerSpec spec)
    {
        if (spec.Expression is null)
        {
            return spec.Kind switch
            {
                TimerKind.Date => spec.Date!.Value,
                _ => After(ctx.Now, spec.Duration!.Value, spec.Business),
            };
        }
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        var value = sandbox.Evaluate(spec.Expression, ExpressionScope.For(scope, spec.Expression), ctx.Ct);
        var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString();
        if (spec.Kind == TimerKind.Date)
        {
            if (!Iso8601.TryParseDate(text, out var date))
                throw new WorkflowStepException($"Timer date `{spec.Expression}` gave '{text}', not a date. / 定时器日期 `{spec.Expression}` 的结果 '{text}' 不是日期。");
            return date + spec.Offset;
        }
        if (!Iso8601.TryParseDuration(text, out var duration))
            throw new WorkflowStepException($"Timer duration `{spec.Expression}` gave '{text}', not an ISO 8601 duration. / 定时器时长 `{spec.Expression}` 的结果 '{text}' 不是 ISO 8601 时长。");
        if (duration < TimeSpan.Zero)
            throw new WorkflowStepException($"Timer duration `{spec.Expression}` gave a negative '{text}'. / 定时器时长 `{spec.Expression}` 的结果 '{text}' 为负数。");
        return After(ctx.Now, duration, spec.Business);
    }

    public DateTimeOffset After(DateTimeOffset now, TimeSpan duration, bool business) => business ? calendar.Add(now, duration) : now + duration;
}
