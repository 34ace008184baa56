using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Queries;

/// <summary>List queries against PostgreSQL: typed filters, sorting, keyset paging, scopes.</summary>
public class RecordQueryTests(FormsFixture db) : IClassFixture<FormsFixture>, IAsyncLifetime
{
    private static Guid Sales, East, Shanghai;
    private static readonly List<Guid> Creators = [];
    private IRecordQueries Queries => db.Services.GetRequiredService<IRecordQueries>();
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();

    public async Task InitializeAsync()
    {
        await TestForms.PublishAsync(db.Services, TestForms.Customers);
        var page = await Queries.ListAsync(UserContext.System, TestForms.App, "customers", new RecordQuery { PageSize = 1 }, default);
        if (page.Items.Count > 0) return;
        // The real organisation directory of Platform.Core resolves the department tree.
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
            Sales = await admin.CreateDepartmentAsync(new NewDepartment("销售部"), default);
            East = await admin.CreateDepartmentAsync(new NewDepartment("华东区", Sales), default);
            Shanghai = await admin.CreateDepartmentAsync(new NewDepartment("上海", East), default);
        }
        var revenues = new decimal?[] { 5, 100, 20, null, 1000, 20, 3, null, 75, 9 };
        for (var i = 0; i < revenues.Length; i++)
        {
            var dept = i % 3 == 0 ? Sales : i % 3 == 1 ? East : Shanghai;
            var user = TestForms.User($"u{i}", dept, null, "sales");
            Creators.Add(user.UserId);
            var data = new JsonObject { ["name"] = $"Customer {i:00}", ["revenue"] = revenues[i], ["industry"] = i % 2 == 0 ? "it" : "mfg", ["since"] = $"2026-03-{i + 1:00}" };
            Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(user, TestForms.App, "customers", data, default));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Numbers_sort_numerically_with_empty_values_last_and_keyset_pages_cover_every_row_once()
    {
        var seen = new List<decimal?>();
        string? cursor = null;
        do
        {
            var page = await Queries.ListAsync(UserContext.System, TestForms.App, "customers",
                new RecordQuery { Sort = [new SortSpec("revenue")], PageSize = 3, After = cursor }, default);
            seen.AddRange(page.Items.Select(r => r.Data["revenue"]?.GetValue<decimal>()));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(new decimal?[] { 3, 5, 9, 20, 20, 75, 100, 1000, null, null }, seen);
    }

    [Fact]
    public async Task Offset_paging_with_two_sort_keys_matches_the_expected_order()
    {
        var page = await Queries.ListAsync(UserContext.System, TestForms.App, "customers",
            new RecordQuery { Sort = [new SortSpec("industry"), new SortSpec("revenue", true)], PageSize = 4, Page = 2, IncludeTotal = true }, default);
        Assert.Equal(10, page.Total);
        Assert.Equal(["Customer 06", "Customer 01", "Customer 05", "Customer 09"], page.Items.Select(r => r.Title));
    }

    [Fact]
    public async Task Between_and_in_filters_on_typed_fields()
    {
        var filter = FilterNode.All(
            FilterNode.Where("revenue", FilterOperator.Between, new JsonArray(5, 100)),
            FilterNode.Where("industry", FilterOperator.In, new JsonArray("it")));
        var page = await Queries.ListAsync(UserContext.System, TestForms.App, "customers", new RecordQuery { Filter = filter, Sort = [new SortSpec("name")] }, default);
        Assert.Equal(["Customer 00", "Customer 02", "Customer 08"], page.Items.Select(r => r.Title));
    }

    [Fact]
    public async Task Empty_filter_and_this_month_on_dates()
    {
        var empty = await Queries.ListAsync(UserContext.System, TestForms.App, "customers",
            new RecordQuery { Filter = FilterNode.Where("revenue", FilterOperator.IsEmpty) }, default);
        Assert.Equal(2, empty.Items.Count);
        var thisMonth = await Queries.ListAsync(UserContext.System, TestForms.App, "customers",
            new RecordQuery { Filter = FilterNode.Where("since", FilterOperator.ThisMonth) }, default);
        Assert.Equal(10, thisMonth.Items.Count);
        // The fixture clock says 2026-03-18 10:00 in Shanghai: the last 10 days start on 03-09.
        var lastTen = await Queries.ListAsync(UserContext.System, TestForms.App, "customers",
            new RecordQuery { Filter = FilterNode.Where("since", FilterOperator.LastNDays, JsonValue.Create(10)), Sort = [new SortSpec("since")] }, default);
        Assert.Equal(["Customer 08", "Customer 09"], lastTen.Items.Select(r => r.Title));
    }

    [Fact]
    public async Task Department_tree_scope_includes_sub_departments_only()
    {
        var director = TestForms.User("dir", East, null, "director");
        var page = await Queries.ListAsync(director, TestForms.App, "customers", new RecordQuery { PageSize = 100 }, default);
        Assert.Equal(6, page.Items.Count);
        Assert.All(page.Items, r => Assert.Contains(r.DepartmentId!.Value, new[] { East, Shanghai }));
    }

    [Fact]
    public async Task Own_scope_shows_only_own_records()
    {
        var stranger = TestForms.User("stranger", Sales, null, "sales");
        var page = await Queries.ListAsync(stranger, TestForms.App, "customers", new RecordQuery(), default);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Rights_are_the_union_of_roles_and_the_report_predicate_selects_the_same_rows_as_lists()
    {
        // The creator of customer 00 (a Sales record) now sits in Shanghai with both roles: own record + Shanghai's three.
        var both = TestForms.User("both", Shanghai, null, "sales", "director") with { UserId = Creators[0] };
        var page = await Queries.ListAsync(both, TestForms.App, "customers", new RecordQuery { PageSize = 100, Sort = [new SortSpec("name")] }, default);
        Assert.Equal(["Customer 00", "Customer 02", "Customer 05", "Customer 08"], page.Items.Select(r => r.Title));

        var permissions = db.Services.GetRequiredService<Platform.Forms.Permissions.IRecordPermissions>();
        var scope = await permissions.ReadScopeAsync(both, TestForms.App, "customers", "x", default);
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        var args = new Dapper.DynamicParameters(scope.Parameters);
        var ids = await Dapper.SqlMapper.QueryAsync<Guid>(conn,
            $"SELECT x.id FROM forms.records x WHERE x.app_key = 'crm' AND x.form_key = 'customers' AND x.deleted_at IS NULL AND {scope.Sql}", args);
        Assert.Equal(page.Items.Select(r => r.Id).Order(), ids.Order());
    }
}
