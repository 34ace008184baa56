using Platform.Forms.Definitions;
using Platform.Reports.Definitions;

namespace Platform.Studio.Designers.Dashboards;

/// <summary>A widget on the designer's grid: which report, where, and which dashboard filter feeds which report parameter.</summary>
public sealed class DesignWidget
{
    public required string Id { get; init; }
    public required string Report { get; set; }
    public LocalizedText? Title { get; set; }
    public int X { get; set; }
    public int Y { get; set; }
    public int W { get; set; } = 6;
    public int H { get; set; } = 4;
    public Dictionary<string, string> Bindings { get; } = new(StringComparer.Ordinal);
    public string? Chart { get; set; }
}

/// <summary>Grid position reported by gridstack after a drag or resize.</summary>
public sealed record GridPosition(string Id, int X, int Y, int W, int H);

/// <summary>The dashboard being designed; turns into a <see cref="DashboardDefinition"/> for the report engine.</summary>
public sealed class DashboardDesign(string app, string key, LocalizedText name)
{
    public const int Columns = 12;

    public string App { get; } = app;
    public string Key { get; set; } = key;
    public LocalizedText Name { get; set; } = name;
    public List<DesignWidget> Widgets { get; } = [];
    public List<DashboardFilter> Filters { get; } = [];
    public int? RefreshSeconds { get; set; }
    public bool IsPublished { get; set; }

    public static DashboardDesign From(DashboardDefinition dashboard)
    {
        var design = new DashboardDesign(dashboard.App, dashboard.Key, dashboard.Name) { RefreshSeconds = dashboard.RefreshSeconds };
        design.Filters.AddRange(dashboard.Filters);
        foreach (var w in dashboard.Widgets)
        {
            var widget = new DesignWidget { Id = w.Id, Report = w.Report, Title = w.Title, X = w.X, Y = w.Y, W = w.W, H = w.H, Chart = w.Chart };
            foreach (var (parameter, filter) in w.Bindings ?? new Dictionary<string, string>()) widget.Bindings[parameter] = filter;
            design.Widgets.Add(widget);
        }
        return design;
    }

    public DashboardDefinition ToDefinition() => new()
    {
        App = App,
        Key = Key,
        Name = Name,
        Columns = Columns,
        RefreshSeconds = RefreshSeconds is > 0 ? RefreshSeconds : null,
        Filters = Filters.ToList(),
        Widgets = Widgets.Select(w => new WidgetDefinition
        {
            Id = w.Id, Report = w.Report, Title = w.Title, X = w.X, Y = w.Y, W = w.W, H = w.H, Chart = w.Chart,
            Bindings = w.Bindings.Count == 0 ? null : new Dictionary<string, string>(w.Bindings),
        }).ToList(),
    };

    /// <summary>Adds a report below everything else, so a new widget never overlaps one already placed.</summary>
    public DesignWidget AddWidget(string report)
    {
        var id = report;
        for (var n = 2; Widgets.Any(w => w.Id == id); n++) id = $"{report}-{n}";
        var y = Widgets.Count == 0 ? 0 : Widgets.Max(w => w.Y + w.H);
        var widget = new DesignWidget { Id = id, Report = report, X = 0, Y = y, W = 6, H = 4 };
        // Two widgets side by side when the last row has room.
        if (Widgets.LastOrDefault() is { } last && last.X + last.W + 6 <= Columns && Widgets.All(w => w.Y + w.H <= last.Y + last.H))
        {
            widget.X = last.X + last.W;
            widget.Y = last.Y;
            widget.H = last.H;
        }
        Widgets.Add(widget);
        return widget;
    }

    /// <summary>Takes the positions gridstack reports after a drag or resize.</summary>
    public void Apply(IEnumerable<GridPosition> positions)
    {
        foreach (var p in positions)
            if (Widgets.FirstOrDefault(w => w.Id == p.Id) is { } widget)
            {
                widget.X = Math.Clamp(p.X, 0, Columns - 1);
                widget.W = Math.Clamp(p.W, 1, Columns - widget.X);
                widget.Y = Math.Max(0, p.Y);
                widget.H = Math.Max(1, p.H);
            }
    }

    public void RemoveFilter(string key)
    {
        Filters.RemoveAll(f => f.Key == key);
        foreach (var widget in Widgets)
            foreach (var parameter in widget.Bindings.Where(b => b.Value == key).Select(b => b.Key).ToList()) widget.Bindings.Remove(parameter);
    }
}
