namespace Platform.Studio.Designers.Workflow;

/// <summary>
/// The selected diagram element as the property panel edits it: our lc: attributes (without prefix) plus the BPMN
/// parts the engine reads (timer, condition, default flow, boundary mode, script, lc:set/header/map/region children).
/// Sent back whole on Apply; the canvas turns the difference into one undoable command.
/// </summary>
public sealed class ElementState
{
    public string Id { get; set; } = "";

    /// <summary>BPMN type without prefix: UserTask, SequenceFlow, StartEvent …</summary>
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public Dictionary<string, string?> Attrs { get; set; } = [];

    /// <summary>TimerEventDefinition, ConditionalEventDefinition, TerminateEventDefinition … or null.</summary>
    public string? EventDefinition { get; set; }
    public TimerState? Timer { get; set; }
    public string? WaitCondition { get; set; }
    public string? Condition { get; set; }
    public bool? IsDefault { get; set; }
    public string? SourceType { get; set; }
    public string? AttachedTo { get; set; }
    public bool? CancelActivity { get; set; }
    public string? Script { get; set; }
    public ExtensionState Ext { get; set; } = new();

    public string? Attr(string name) => Attrs.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    public void SetAttr(string name, string? value) => Attrs[name] = string.IsNullOrWhiteSpace(value) ? null : value;

    public ElementState Clone() => new()
    {
        Id = Id, Type = Type, Name = Name, Attrs = new(Attrs), EventDefinition = EventDefinition,
        Timer = Timer is null ? null : new TimerState { Kind = Timer.Kind, Text = Timer.Text },
        WaitCondition = WaitCondition, Condition = Condition, IsDefault = IsDefault, SourceType = SourceType, AttachedTo = AttachedTo,
        CancelActivity = CancelActivity, Script = Script,
        Ext = new ExtensionState
        {
            Sets = Ext.Sets.Select(s => new SetItem { Field = s.Field, Expr = s.Expr }).ToList(),
            Headers = Ext.Headers.Select(h => new HeaderItem { Name = h.Name, Value = h.Value }).ToList(),
            Maps = Ext.Maps.Select(m => new MapItem { Var = m.Var, Path = m.Path }).ToList(),
            Regions = Ext.Regions.Select(r => new RegionItem { Value = r.Value, Users = r.Users }).ToList(),
        },
    };
}

/// <summary>timeDuration, timeDate or timeCycle with its text (PT24H, 2026-12-01T09:00:00Z, ${contract_end}, R3/PT24H).</summary>
public sealed class TimerState
{
    public string Kind { get; set; } = "timeDuration";
    public string Text { get; set; } = "";
}

public sealed class ExtensionState
{
    public List<SetItem> Sets { get; set; } = [];
    public List<HeaderItem> Headers { get; set; } = [];
    public List<MapItem> Maps { get; set; } = [];
    public List<RegionItem> Regions { get; set; } = [];
}

public sealed class SetItem { public string Field { get; set; } = ""; public string Expr { get; set; } = ""; }

public sealed class HeaderItem { public string Name { get; set; } = ""; public string Value { get; set; } = ""; }

public sealed class MapItem { public string Var { get; set; } = ""; public string Path { get; set; } = ""; }

public sealed class RegionItem { public string Value { get; set; } = ""; public string Users { get; set; } = ""; }
