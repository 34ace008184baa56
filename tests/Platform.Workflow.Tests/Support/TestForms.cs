using Platform.Forms.Definitions;

namespace Platform.Workflow.Tests.Support;

/// <summary>The forms the workflow tests run on, published through IFormDefinitions like any app's forms.</summary>
public static class TestForms
{
    public static IReadOnlyList<FormDefinition> All { get; } =
    [
        Form("crm", "leads", ("name", "text"), ("pool", "text"), ("claimed_by", "member"), ("email", "email"), ("region", "text"),
            ("source", "text"), ("status", "text"), ("last_follow_up", "datetime")),
        Form("crm", "opportunities", ("name", "text"), ("stage", "text")),
        Form("crm", "orders", ("amount", "number"), ("cost", "number"), ("discount", "number"), ("approval", "text"), ("status", "text")),
        Form("crm", "quotes", ("title", "text"), ("amount", "number")),
        Form("crm", "contracts", ("contract_end", "date")),
        Form("assign", "rr", ("n", "number")),
        Form("assign", "ll", ("n", "number")),
        Form("chain", "visits", ("place", "text"), ("followup", "text")),
        Form("chain", "followups", ("visit", "text"), ("note", "text")),
        Form("sched", "tickets", ("status", "text")),
        Form("renew", "contracts", ("end_date", "date")),
        Form("trg", "deals", ("amount", "number"), ("stage", "text"), ("note", "text")),
        Form("ap", "deals", ("reviewer", "member"), ("partner", "partner")) with { PartnerField = "partner" },
        Form("crash", "items", ("n", "number"), ("step1", "number"), ("step2", "number")),
        Form("catalog", "checked", ("amount", "number"), ("stage", "text")),
        WithPriorityRange(Form("strict", "tickets", ("title", "text"), ("priority", "number"), ("status", "text"))),
    ];

    /// <summary>Priority must lie between 1 and 5, so a workflow writing 9 is refused by the form engine.</summary>
    private static FormDefinition WithPriorityRange(FormDefinition form) =>
        form with { Fields = [.. form.Fields.Select(f => f.Key == "priority" ? f with { Min = 1, Max = 5 } : f)] };

    private static FormDefinition Form(string app, string key, params (string Key, string Type)[] fields) => new()
    {
        App = app,
        Key = key,
        Name = new LocalizedText($"{app} {key}", $"{app} {key}"),
        Fields = [.. fields.Select(f => new FieldDefinition { Key = f.Key, Type = f.Type, Label = LocalizedText.Same(f.Key), Precision = f.Type == "number" ? 4 : null })],
    };
}
