using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Forms.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Tests.Designers;

/// <summary>The form designer service against the real form engine on PostgreSQL.</summary>
public sealed class FormDesignerTests(DesignerFixture fixture) : IClassFixture<DesignerFixture>
{
    private FormDesigner Designer => fixture.Services.GetRequiredService<FormDesigner>();
    private IFormDefinitions Definitions => fixture.Services.GetRequiredService<IFormDefinitions>();

    private static FormDesign Quote(string key)
    {
        var design = new FormDesign(DesignerFixture.App, key, new LocalizedText("Quotes", "报价"));
        var section = design.Sections[0];
        design.Rename(design.AddField("text", section), "customer");
        design.Update("customer", f => f with { Label = new LocalizedText("Customer", "客户") });
        design.Rename(design.AddField("subtable", section), "lines");
        design.Update("lines", f => f with
        {
            Fields =
            [
                FieldPalette.NewField("number", "qty"), FieldPalette.NewField("money", "price"),
                FieldPalette.NewField("formula", "amount") with { Expression = "qty * price" },
            ],
        });
        design.Rename(design.AddField("formula", section), "total");
        design.Update("total", f => f with { Expression = "SUMBY(lines, 'amount')" });
        return design;
    }

    [Fact]
    public async Task Invalid_designs_are_refused_with_every_problem_in_both_languages_and_nothing_is_stored()
    {
        var design = Quote("broken");
        design.Update("customer", f => f with { Label = new LocalizedText("", "客户") });
        design.Update("total", f => f with { Expression = "SUMBY(lines, 'amount') * discount" });
        var relation = design.AddField("relation", design.Sections[0]);
        design.SetRule(-1, new RuleDefinition { Kind = RuleKind.Show, When = "customer ===", Fields = ["total"] });

        var outcome = await Designer.SaveDraftAsync(design, DesignerFixture.Admin, default);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Issues, i => i.Field == "customer" && i.Zh.Contains("中文和英文标签"));
        Assert.Contains(outcome.Issues, i => i.Field == "total" && i.En.Contains("'discount'") && i.Zh.Contains("“discount”不是字段"));
        Assert.Contains(outcome.Issues, i => i.Field == relation && i.En.Contains("choose the form"));
        Assert.Contains(outcome.Issues, i => i.Field is null && i.En.StartsWith("Rule 1: the condition is not valid"));
        Assert.Null(await Definitions.GetDraftAsync(DesignerFixture.App, "broken", default));
    }

    [Fact]
    public async Task Publishing_then_rolling_back_publishes_the_earlier_version_again_and_compare_shows_field_changes()
    {
        var design = Quote("quotes");
        var first = await Designer.PublishAsync(design, DesignerFixture.Admin, default);
        Assert.True(first.Succeeded, string.Join("; ", first.Issues.Select(i => i.En)));
        Assert.Equal(1, first.PublishedVersion);

        var session = await Designer.OpenAsync(DesignerFixture.App, "quotes", default);
        Assert.NotNull(session);
        Assert.Contains("customer", session.Design.PublishedKeys);
        session.Design.Update("customer", f => f with { Label = new LocalizedText("Client", "客户名称"), Required = true });
        var note = session.Design.AddField("textarea", session.Design.Sections[0]);
        var second = await Designer.PublishAsync(session.Design, DesignerFixture.Admin, default);
        Assert.Equal(2, second.PublishedVersion);

        var v1 = await Designer.VersionAsync(DesignerFixture.App, "quotes", 1, default);
        var diff = FormDiff.Compare(v1!, (await Definitions.GetPublishedAsync(DesignerFixture.App, "quotes", default))!);
        var changed = Assert.Single(diff.Fields, f => f.Kind == ChangeKind.Changed);
        Assert.Equal("customer", changed.Key);
        Assert.Equal(["label", "required"], changed.Properties.Select(p => p.Property).Order());
        Assert.Equal(note, Assert.Single(diff.Fields, f => f.Kind == ChangeKind.Added).Key);
        Assert.True(diff.LayoutChanged);

        var rollback = await Designer.RollbackAsync(DesignerFixture.App, "quotes", 1, DesignerFixture.Admin, default);
        Assert.True(rollback.Succeeded, string.Join("; ", rollback.Issues.Select(i => i.En)));
        Assert.Equal(3, rollback.PublishedVersion);
        var current = (await Definitions.GetPublishedAsync(DesignerFixture.App, "quotes", default))!;
        Assert.Equal(v1!.Fields.Select(f => f.Key), current.Fields.Select(f => f.Key));
        Assert.Equal("Customer", current.Field("customer")!.Label.En);
        Assert.False(current.Field("customer")!.Required);
        Assert.Contains(current.Retired ?? [], f => f.Key == note);
        Assert.Equal(3, (await Definitions.ListVersionsAsync(DesignerFixture.App, "quotes", default)).Count);
    }

    [Fact]
    public void A_formula_is_test_evaluated_through_the_sandbox_with_sample_values()
    {
        var total = FieldPalette.NewField("formula", "total") with { Expression = "ROUND(SUMBY(lines, 'amount') * (1 - discount / 100), 2)" };
        var sample = JsonNode.Parse("""{"lines": [{"amount": 100}, {"amount": 50.5}], "discount": 10}""")!.AsObject();

        var trial = Designer.TryFormula(total, sample);
        Assert.Equal("135.45", trial.Value);

        var broken = Designer.TryFormula(total with { Expression = "lines.reduce(" }, sample);
        Assert.Null(broken.Value);
        Assert.NotNull(broken.ErrorEn);
        Assert.Contains("表达式", broken.ErrorZh);
    }
}
