using Platform.Studio.Localization;

namespace Platform.Studio.Runtime.Dashboards;

/// <summary>Strings of the dashboards pages: key → (中文, English).</summary>
internal sealed class DashboardTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
    {
        ["dash.list"] = ("仪表盘", "Dashboards"),
        ["dash.notfound"] = ("找不到该仪表盘，或者它还没有发布。", "The dashboard does not exist or is not published."),
        ["dash.refresh"] = ("刷新", "Refresh"),
        ["dash.autorefresh"] = ("每 {0} 秒自动刷新", "Refreshes every {0} s"),
        ["dash.apply"] = ("应用", "Apply"),
        ["dash.reset"] = ("重置", "Reset"),
        ["dash.any"] = ("全部", "Any"),
        ["dash.custom"] = ("自定义…", "Custom…"),
        ["dash.widget.error"] = ("此组件无法显示：{0}", "This widget cannot be shown: {0}"),
        ["dash.empty"] = ("没有数据", "No data"),
        ["dash.drill.none"] = ("这个元素没有可以打开的记录。", "This element has no records to open."),
        ["dash.previous"] = ("上期 {0}", "Previous {0}"),
        ["dash.total"] = ("合计", "Total"),
        ["dash.range.thisWeek"] = ("本周", "This week"),
        ["dash.range.lastWeek"] = ("上周", "Last week"),
        ["dash.range.thisMonth"] = ("本月", "This month"),
        ["dash.range.lastMonth"] = ("上月", "Last month"),
        ["dash.range.thisQuarter"] = ("本季度", "This quarter"),
        ["dash.range.lastQuarter"] = ("上季度", "Last quarter"),
        ["dash.range.thisYear"] = ("今年", "This year"),
        ["dash.range.lastYear"] = ("去年", "Last year"),
        ["dash.range.last7Days"] = ("最近 7 天", "Last 7 days"),
        ["dash.range.last30Days"] = ("最近 30 天", "Last 30 days"),
        ["dash.range.last90Days"] = ("最近 90 天", "Last 90 days"),
        ["list.drilled"] = ("来自图表的筛选", "Filtered from a chart"),
        ["list.drilled.clear"] = ("清除图表筛选", "Clear chart filter"),
    };
}
