using Platform.Forms.Queries;
using Platform.Studio.Runtime;
using static Platform.Studio.Tests.Runtime.RuntimeForms;

namespace Platform.Studio.Tests.Runtime;

public sealed class ListFiltersTests
{
    [Fact]
    public void Operators_follow_the_field_type()
    {
        Assert.Contains(FilterOperator.Gt, ListFilters.OperatorsFor(Field("a", "money", "金额")));
        Assert.DoesNotContain(FilterOperator.Gt, ListFilters.OperatorsFor(Field("a", "text", "名称")));
        Assert.Contains(FilterOperator.ThisMonth, ListFilters.OperatorsFor(Field("a", "date", "日期")));
        Assert.Equal([FilterOperator.IsMe, FilterOperator.IsEmpty, FilterOperator.IsNotEmpty], ListFilters.OperatorsFor(Field("a", "member", "负责人")));
    }

    [Fact]
    public void Conditions_become_one_and_group_with_typed_values_and_blank_values_are_skipped()
    {
        var node = ListFilters.Build(Deal(), [
            new ListCondition("amount", FilterOperator.Gte, "100.5"),
            new ListCondition("name", FilterOperator.Contains, " 华东 "),
            new ListCondition("stage", FilterOperator.Eq, ""),
            new ListCondition("reason", FilterOperator.IsEmpty, null),
        ])!;

        Assert.Equal(3, node.And!.Count);
        Assert.Equal(100.5m, node.And[0].Value!.GetValue<decimal>());
        Assert.Equal("华东", node.And[1].Value!.GetValue<string>());
        Assert.Equal(FilterOperator.IsEmpty, node.And[2].Op);
        Assert.Null(node.And[2].Value);
    }

    [Fact]
    public void A_single_condition_is_not_wrapped_and_none_gives_no_filter()
    {
        Assert.Equal("name", ListFilters.Build(Deal(), [new ListCondition("name", FilterOperator.Eq, "x")])!.Field);
        Assert.Null(ListFilters.Build(Deal(), []));
        Assert.Throws<ArgumentException>(() => ListFilters.Build(Deal(), [new ListCondition("nope", FilterOperator.Eq, "x")]));
    }
}
