using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Records;
using Platform.Studio.Runtime;
using static Platform.Studio.Tests.Runtime.RuntimeForms;

namespace Platform.Studio.Tests.Runtime;

public sealed class RecordDraftsTests
{
    private static readonly UserContext User = new(Guid.NewGuid(), "u", "用户", null, null, new HashSet<string>(), false);

    private static FormContext Context(params (string Field, FieldAccess Access)[] fields) => new(User, Deal(),
        new RecordAccess(new Dictionary<FormAction, IReadOnlySet<DataScope>>(), fields.ToDictionary(f => f.Field, f => f.Access), false));

    [Fact]
    public void The_payload_sends_every_editable_field_and_nulls_for_cleared_ones_but_not_computed_or_read_only_ones()
    {
        var data = new JsonObject { ["name"] = "华东项目", ["amount"] = 12.5m, ["total"] = 25m, ["stage"] = "lead" };
        var payload = RecordDrafts.Payload(Context(("stage", FieldAccess.ReadOnly)), data, new FieldStates(new HashSet<string>(), new HashSet<string>(), []));

        Assert.Equal("华东项目", payload["name"]!.GetValue<string>());
        Assert.True(payload.ContainsKey("reason"));
        Assert.Null(payload["reason"]);
        Assert.False(payload.ContainsKey("total"));
        Assert.False(payload.ContainsKey("stage"));
    }

    [Fact]
    public void Fields_hidden_by_a_rule_or_by_permission_are_not_sent()
    {
        var payload = RecordDrafts.Payload(Context(("amount", FieldAccess.Hidden)), new JsonObject { ["reason"] = "x", ["amount"] = 1 },
            new FieldStates(new HashSet<string> { "reason" }, new HashSet<string>(), []));
        Assert.False(payload.ContainsKey("reason"));
        Assert.False(payload.ContainsKey("amount"));
    }

    [Fact]
    public void Errors_are_keyed_by_field_path_in_the_users_language()
    {
        var result = new RecordWriteResult.Invalid([
            new FieldError("name", "required", "Name is required.", "名称为必填项。"),
            new FieldError("lines[1].qty", "min", "Qty must be at least 1.", "数量不能小于 1。"),
        ]);
        var zh = RecordDrafts.Errors(result, "zh-CN");
        Assert.Equal("名称为必填项。", zh["name"]);
        Assert.Equal("数量不能小于 1。", zh["lines[1].qty"]);
        Assert.Equal("Name is required.", RecordDrafts.Errors(result, "en")["name"]);
        Assert.Empty(RecordDrafts.Errors(new RecordWriteResult.Conflict(3), "zh-CN"));
    }
}
