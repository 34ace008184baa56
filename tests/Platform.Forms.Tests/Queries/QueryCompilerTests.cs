using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Queries;

/// <summary>The SQL builder's output, without a database.</summary>
public class QueryCompilerTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddPlatformTestDatabase().AddForms().BuildServiceProvider();
    private static readonly FormDefinition Customers = Services.GetRequiredService<FormDefinitionParser>().Parse(TestForms.Customers);
    private static readonly UserContext Me = TestForms.User("me", Guid.NewGuid(), null, "sales");
    private static readonly FieldContext Context = new(Me, new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static CompiledQuery Compile(RecordQuery query, RecordAccess? access = null)
    {
        var compiler = Services.GetRequiredService<QueryCompiler>();
        var permissions = Services.GetRequiredService<IRecordPermissions>();
        return compiler.Compile(Customers, query, SqlPredicate.True, access ?? permissions.Resolve(UserContext.System, Customers), Context, 500);
    }

    [Fact]
    public void Numeric_filter_casts_the_json_value_and_binds_the_number_as_a_parameter()
    {
        var q = Compile(new RecordQuery { Filter = FilterNode.Where("revenue", FilterOperator.Gte, JsonValue.Create("1,000")) });
        Assert.Contains("(((r.data->>'revenue')::numeric) >= @q2)", q.Sql);
        Assert.Equal(1000m, q.Parameters["q2"]);
        Assert.DoesNotContain("1000", q.Sql);
    }

    [Fact]
    public void Select_filter_accepts_the_option_label_and_compares_the_key()
    {
        var q = Compile(new RecordQuery { Filter = FilterNode.Where("industry", FilterOperator.Eq, JsonValue.Create("信息技术")) });
        Assert.Contains("((r.data->>'industry') = @q2)", q.Sql);
        Assert.Equal("it", q.Parameters["q2"]);
    }

    [Fact]
    public void Nested_and_or_groups_keep_their_structure()
    {
        var filter = FilterNode.All(
            FilterNode.Where("industry", FilterOperator.In, new JsonArray("it", "mfg")),
            FilterNode.Any(FilterNode.Where("name", FilterOperator.StartsWith, JsonValue.Create("Ac%")), FilterNode.Where("tags", FilterOperator.Contains, JsonValue.Create("vip"))));
        var q = Compile(new RecordQuery { Filter = filter });
        Assert.Contains("(((r.data->>'industry') = ANY(@q2)) AND (((r.data->>'name') LIKE @q3) OR (COALESCE((r.data->'tags') @> @q4::jsonb, FALSE))))", q.Sql);
        Assert.Equal(new[] { "it", "mfg" }, q.Parameters["q2"]);
        Assert.Equal("Ac\\%%", q.Parameters["q3"]);
        Assert.Equal("[\"vip\"]", q.Parameters["q4"]);
    }

    [Fact]
    public void This_month_on_a_date_field_is_a_half_open_text_range_in_the_platform_zone()
    {
        var q = Compile(new RecordQuery { Filter = FilterNode.Where("since", FilterOperator.ThisMonth) });
        Assert.Contains("((r.data->>'since') >= @q2 AND (r.data->>'since') < @q3)", q.Sql);
        Assert.Equal(("2026-03-01", "2026-04-01"), ((string)q.Parameters["q2"]!, (string)q.Parameters["q3"]!));
    }

    [Fact]
    public void Last_7_days_on_created_at_binds_utc_instants_of_local_midnights()
    {
        var q = Compile(new RecordQuery { Filter = FilterNode.Where("_createdAt", FilterOperator.LastNDays, JsonValue.Create(7)) });
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 16, 0, 0, TimeSpan.Zero), q.Parameters["q2"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 16, 0, 0, TimeSpan.Zero), q.Parameters["q3"]);
    }

    [Fact]
    public void Is_me_on_a_member_field_binds_the_acting_user()
    {
        var q = Compile(new RecordQuery { Filter = FilterNode.Where("owner", FilterOperator.IsMe) });
        Assert.Contains("((r.data->>'owner') = @q2)", q.Sql);
        Assert.Equal(Me.UserId.ToString(), q.Parameters["q2"]);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("name'; DROP TABLE forms.records; --")]
    public void Unknown_field_keys_are_rejected_before_any_sql(string key)
    {
        var e = Assert.Throws<QueryException>(() => Compile(new RecordQuery { Filter = FilterNode.Where(key, FilterOperator.Eq, JsonValue.Create("x")) }));
        Assert.Equal(key, e.Field);
        Assert.Throws<QueryException>(() => Compile(new RecordQuery { Sort = [new SortSpec(key)] }));
    }

    [Fact]
    public void Hidden_fields_cannot_be_filtered_or_sorted_on()
    {
        var permissions = Services.GetRequiredService<IRecordPermissions>();
        var partnerUser = TestForms.User("p", null, Guid.NewGuid(), "partner_sales");
        var access = permissions.Resolve(partnerUser, Customers);
        Assert.Throws<QueryException>(() => Compile(new RecordQuery { Filter = FilterNode.Where("secret", FilterOperator.Eq, JsonValue.Create("x")) }, access));
    }

    [Fact]
    public void Operators_a_type_does_not_support_are_refused_with_the_field_named()
    {
        var e = Assert.Throws<QueryException>(() => Compile(new RecordQuery { Filter = FilterNode.Where("revenue", FilterOperator.IsMe) }));
        Assert.Contains("revenue", e.Message);
    }

    [Fact]
    public void Single_sort_pages_by_keyset_on_the_indexed_expression_then_by_id()
    {
        var first = Compile(new RecordQuery { Sort = [new SortSpec("revenue", Descending: true)], PageSize = 50 });
        Assert.Contains("((r.data->>'revenue')::numeric) IS NOT NULL", first.Sql);
        Assert.Contains("ORDER BY ((r.data->>'revenue')::numeric) DESC, r.id DESC LIMIT", first.Sql);
        var cursor = new PageCursor(first.SortKey!, "150.5", Guid.Parse("0195a1b2-0000-7000-8000-000000000001")).Encode();
        var next = Compile(new RecordQuery { Sort = [new SortSpec("revenue", Descending: true)], After = cursor });
        Assert.Contains("(((r.data->>'revenue')::numeric), r.id) < (@q3, @q4)", next.Sql);
        Assert.Equal(150.5m, next.Parameters["q3"]);
        Assert.DoesNotContain("OFFSET", next.Sql);
    }

    [Fact]
    public void Keyword_search_uses_the_indexed_concatenation_of_searchable_text_fields()
    {
        var q = Compile(new RecordQuery { Keyword = "50%" });
        Assert.Contains("coalesce(r.data->>'name', '') || ' ' || coalesce(r.data->>'code', '')", q.Sql);
        Assert.Contains("ILIKE @q2", q.Sql);
        Assert.Equal("%50\\%%", q.Parameters["q2"]);
    }
}
