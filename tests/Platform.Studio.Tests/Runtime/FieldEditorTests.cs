using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Forms.Fields;
using Platform.Studio.Components.Runtime;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;
using static Platform.Studio.Tests.Runtime.RuntimeForms;

namespace Platform.Studio.Tests.Runtime;

public sealed class FieldEditorTests : StudioComponentContext
{
    public FieldEditorTests()
    {
        Services.AddSingleton<IStudioTextSource, RuntimeTexts>();
        Services.AddSingleton<RegionTable>();
    }

    [Fact]
    public void The_error_of_the_field_is_shown_beside_it()
    {
        var editor = Render<FieldEditor>(p => p
            .Add(x => x.Field, Field("name", "text", "名称", required: true))
            .Add(x => x.Data, new JsonObject())
            .Add(x => x.ErrorFor, (Func<string, string?>)(path => path == "name" ? "名称为必填项。" : null)));

        Assert.Equal("Text", editor.Find(".field-name").GetAttribute("data-control"));
        Assert.Contains("名称为必填项。", editor.Find(".field-name").TextContent);
    }

    [Fact]
    public void Errors_of_other_fields_are_not_shown()
    {
        var editor = Render<FieldEditor>(p => p
            .Add(x => x.Field, Field("name", "text", "名称"))
            .Add(x => x.Data, new JsonObject())
            .Add(x => x.ErrorFor, (Func<string, string?>)(path => path == "amount" ? "金额不能小于 0。" : null)));

        Assert.DoesNotContain("金额", editor.Markup);
    }

    [Fact]
    public void Typing_writes_the_value_into_the_data_and_reports_the_change()
    {
        var data = new JsonObject();
        var changes = 0;
        var editor = Render<FieldEditor>(p => p
            .Add(x => x.Field, Field("name", "text", "名称"))
            .Add(x => x.Data, data)
            .Add(x => x.OnChanged, () => changes++));

        editor.Find("input").Input("华东区域");

        Assert.Equal("华东区域", data["name"]!.GetValue<string>());
        Assert.Equal(1, changes);
    }

    [Fact]
    public void A_phone_is_stored_in_the_engines_encoding()
    {
        var data = new JsonObject();
        var editor = Render<FieldEditor>(p => p.Add(x => x.Field, Field("tel", "phone", "电话")).Add(x => x.Data, data));
        editor.Find("input").Input("138 0013 8000");
        Assert.Equal("138 0013 8000", data["tel"]!["raw"]!.GetValue<string>());
    }

    [Fact]
    public void Sub_table_errors_are_shown_on_the_line_they_belong_to()
    {
        var lines = Field("lines", "subtable", "明细") with { Fields = [Field("qty", "number", "数量")] };
        var data = new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["qty"] = 1 }, new JsonObject { ["qty"] = -1 }) };
        var editor = Render<FieldEditor>(p => p
            .Add(x => x.Field, lines)
            .Add(x => x.Data, data)
            .Add(x => x.ErrorFor, (Func<string, string?>)(path => path == "lines[1].qty" ? "数量不能小于 0。" : null)));

        var rows = editor.FindAll(".subtable-row");
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain("数量不能小于 0。", rows[0].TextContent);
        Assert.Contains("数量不能小于 0。", rows[1].TextContent);
    }

    [Fact]
    public void Adding_and_removing_sub_table_lines_changes_the_data()
    {
        var lines = Field("lines", "subtable", "明细") with { Fields = [Field("qty", "number", "数量")] };
        var data = new JsonObject();
        var editor = Render<FieldEditor>(p => p.Add(x => x.Field, lines).Add(x => x.Data, data));

        editor.Find(".subtable-add button, button.subtable-add").Click();
        editor.Find(".subtable-add button, button.subtable-add").Click();
        Assert.Equal(2, data["lines"]!.AsArray().Count);
        editor.Find(".subtable-remove button, button.subtable-remove").Click();
        Assert.Single(data["lines"]!.AsArray());
    }

    [Fact]
    public void Computed_fields_show_their_value_read_only()
    {
        var editor = Render<FieldEditor>(p => p
            .Add(x => x.Field, Field("total", "formula", "合计"))
            .Add(x => x.Data, new JsonObject { ["total"] = 250 }));

        Assert.Equal("ReadOnly", editor.Find(".field-total").GetAttribute("data-control"));
        Assert.Contains("250", editor.Markup);
        Assert.Empty(editor.FindAll("input"));
    }
}
