using Platform.Forms.Definitions;

namespace Platform.Studio.Tests.Runtime;

/// <summary>Small definitions for the runtime component tests.</summary>
internal static class RuntimeForms
{
    public static FieldDefinition Field(string key, string type, string zh, bool required = false) =>
        new() { Key = key, Type = type, Label = new LocalizedText(key, zh), Required = required };

    public static FieldDefinition Stage => Field("stage", "select", "阶段") with
    {
        Options = [new OptionDefinition("lead", new LocalizedText("Lead", "线索"), "#1976d2"), new OptionDefinition("won", new LocalizedText("Won", "赢单"), "#2e7d32")],
    };

    public static FormDefinition Deal(params RuleDefinition[] rules) => new()
    {
        App = "crm",
        Key = "deal",
        Name = new LocalizedText("Deal", "商机"),
        Fields = [Field("name", "text", "名称", required: true), Stage, Field("amount", "money", "金额"), Field("reason", "textarea", "输单原因"),
            Field("total", "formula", "合计") with { Expression = "amount * 2" }],
        Rules = rules,
    };
}
