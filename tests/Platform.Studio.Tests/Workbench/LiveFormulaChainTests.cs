using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
using Platform.Studio.Runtime;

namespace Platform.Studio.Tests.Workbench;

/// <summary>Live recalculation uses the engine's formula order, so what the form shows while typing is what save stores.</summary>
public sealed class LiveFormulaChainTests(WorkbenchDatabaseFixture db) : IClassFixture<WorkbenchDatabaseFixture>
{
    private const string App = "livechain";

    [Theory]
    [InlineData(4, 5, 10)]
    [InlineData(-1.5, -0.5, -1)]
    public async Task A_chain_declared_out_of_order_shows_live_exactly_what_is_saved(double aIn, double bIn, double cIn)
    {
        var (a, b, c) = ((decimal)aIn, (decimal)bIn, (decimal)cIn);
        var form = await PublishAsync();
        var live = new JsonObject { ["name"] = "链式公式", ["a"] = a };
        db.Get<LiveFormulas>().Apply(form, live);
        Assert.Equal(b, live["b"]!.GetValue<decimal>());
        Assert.Equal(c, live["c"]!.GetValue<decimal>());

        var saved = Assert.IsType<RecordWriteResult.Saved>(await db.Get<IRecordStore>().CreateAsync(UserContext.System, App, "chain",
            new JsonObject { ["name"] = "链式公式", ["a"] = a }, CancellationToken.None)).Record;
        Assert.Equal(saved.Data["b"]!.GetValue<decimal>(), live["b"]!.GetValue<decimal>());
        Assert.Equal(saved.Data["c"]!.GetValue<decimal>(), live["c"]!.GetValue<decimal>());
    }

    [Fact]
    public void The_live_order_is_the_engines_order_dependencies_first()
    {
        var fields = Fields();
        Assert.Equal(["b", "c"], Platform.Forms.Fields.FormulaFieldType.ComputeOrder(fields).Select(f => f.Key));
    }

    private static IReadOnlyList<FieldDefinition> Fields() =>
    [
        new FieldDefinition { Key = "name", Type = "text", Label = new LocalizedText("Name", "名称") },
        // c is declared before b on purpose: computing in declaration order would read a stale b.
        new FieldDefinition { Key = "c", Type = "formula", Expression = "b * 2", Label = new LocalizedText("C", "丙") },
        new FieldDefinition { Key = "b", Type = "formula", Expression = "a + 1", Label = new LocalizedText("B", "乙") },
        new FieldDefinition { Key = "a", Type = "number", Precision = 2, Label = new LocalizedText("A", "甲") },
    ];

    private async Task<FormDefinition> PublishAsync()
    {
        await using var scope = db.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IFormDefinitions>();
        if (await definitions.GetPublishedAsync(App, "chain", CancellationToken.None) is { } published) return published;
        await definitions.SaveAppAsync(new AppInfo(App, new LocalizedText("Chain", "链")), CancellationToken.None);
        await definitions.SaveDraftAsync(new FormDefinition { App = App, Key = "chain", Name = new LocalizedText("Chain", "链"), TitleField = "name", Fields = Fields() },
            UserContext.System, CancellationToken.None);
        return await definitions.PublishAsync(App, "chain", UserContext.System, CancellationToken.None);
    }
}
