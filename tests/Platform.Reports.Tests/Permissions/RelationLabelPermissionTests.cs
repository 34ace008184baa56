using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Reports.Running;
using Platform.Reports.Tests.Support;
using static Platform.Reports.Tests.Support.ReportTestKit;

namespace Platform.Reports.Tests.Permissions;

/// <summary>The CRM data set with customers guarded by role grants, so titles of related customers depend on the viewer.</summary>
public sealed class GuardedCustomersFixture : ReportsFixture
{
    protected override int Size => 400;

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        var definitions = Services.GetRequiredService<IFormDefinitions>();
        var guarded = CrmForms.Customers.Replace("\"partnerField\": \"partner\",", """
            "partnerField": "partner",
            "permissions": [
              {"role": "cust_all", "actions": ["read"], "scope": "all"},
              {"role": "cust_no_title", "actions": ["read"], "scope": "all", "fields": {"name": "hidden"}},
              {"role": "cust_own", "actions": ["read"], "scope": "own"}
            ],
            """, StringComparison.Ordinal);
        var draft = Services.GetRequiredService<FormDefinitionParser>().Parse(guarded);
        await definitions.SaveDraftAsync(draft, UserContext.System, default);
        await definitions.PublishAsync(draft.App, draft.Key, UserContext.System, default);
    }
}

/// <summary>
/// A relation dimension is labelled with the related record's title only under the form engine's rule: the viewer
/// reads the target form, sees its title field, and the related record lies within their read scope there.
/// </summary>
public sealed class RelationLabelPermissionTests(GuardedCustomersFixture fixture) : IClassFixture<GuardedCustomersFixture>
{
    private readonly ReportTestKit _kit = new(fixture);

    private const string ByCustomer = """
        { "app": "crm", "key": "by_customer", "name": "By customer", "source": {"form": "opportunities"}, "chart": {"type": "table"},
          "dimensions": [{"field": "customer"}],
          "measures": [{"key": "n", "aggregate": "count"}, {"key": "s", "aggregate": "sum", "field": "amount"}] }
        """;

    private static UserContext Viewer(params string[] customerRoles) => Viewer(Guid.NewGuid(), customerRoles);

    // "director" reads every opportunity; the other roles only decide what the viewer reads of customers.
    private static UserContext Viewer(Guid id, params string[] customerRoles) =>
        new(id, "viewer", "Viewer", null, null, new HashSet<string>(customerRoles.Append("director")), false);

    private async Task<Dictionary<string, (string Title, Guid? Owner)>> CustomersAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT id, title, owner_id FROM forms.records WHERE app_key = 'crm' AND form_key = 'customers' AND deleted_at IS NULL", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new Dictionary<string, (string, Guid?)>();
        while (await reader.ReadAsync())
            result[reader.GetGuid(0).ToString()] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
        return result;
    }

    /// <summary>The groups whose label is a customer's title (a group without one is labelled with its key).</summary>
    private static Dictionary<string, string> Titled(ReportResult result, IReadOnlyDictionary<string, (string Title, Guid? Owner)> customers) =>
        result.Rows.Where(r => r.Cells[0].Key is { } k && customers.TryGetValue(k, out var c) && r.Cells[0].Label == c.Title)
            .ToDictionary(r => r.Cells[0].Key!, r => r.Cells[0].Label);

    [Fact]
    public async Task A_viewer_who_cannot_see_the_title_field_gets_the_same_groups_without_titles()
    {
        var customers = await CustomersAsync();
        var open = await _kit.RunAsync(ByCustomer, Viewer("cust_all"));
        var hidden = await _kit.RunAsync(ByCustomer, Viewer("cust_no_title"));

        Assert.True(customers.Count >= 40);
        Assert.Equal(open.Rows.Count(r => r.Cells[0].Key is not null), Titled(open, customers).Count);
        Assert.Empty(Titled(hidden, customers));
        Assert.All(hidden.Rows, r => Assert.Equal(r.Cells[0].Key ?? "(empty)", r.Cells[0].Label));
        Same(Rows(open, "n"), Rows(hidden, "n"));
        Same(Rows(open, "s"), Rows(hidden, "s"));
    }

    [Fact]
    public async Task Titles_are_shown_only_for_related_records_within_the_viewers_scope_on_the_target_form()
    {
        var customers = await CustomersAsync();
        var owner = customers.Values.GroupBy(c => c.Owner).Where(g => g.Key is not null).OrderByDescending(g => g.Count()).First().Key!.Value;
        var result = await _kit.RunAsync(ByCustomer, Viewer(owner, "cust_own"));

        var mine = customers.Where(c => c.Value.Owner == owner).Select(c => c.Key).ToHashSet();
        var groups = result.Rows.Where(r => r.Cells[0].Key is not null).Select(r => r.Cells[0].Key!).ToList();
        Assert.Contains(groups, mine.Contains);
        Assert.Contains(groups, k => !mine.Contains(k));
        Assert.Equal(groups.Where(mine.Contains).Order(), Titled(result, customers).Keys.Order());
        Assert.All(result.Rows.Where(r => r.Cells[0].Key is { } k && !mine.Contains(k)), r => Assert.Equal(r.Cells[0].Key, r.Cells[0].Label));

        // Every opportunity is still counted, titled or not.
        var all = await _kit.RunAsync(ByCustomer, Viewer("cust_all"));
        Same(Rows(all, "n"), Rows(result, "n"));
    }

    [Fact]
    public async Task A_viewer_without_read_access_on_the_target_form_sees_no_titles()
    {
        var customers = await CustomersAsync();
        var result = await _kit.RunAsync(ByCustomer, Viewer());

        Assert.True(result.Rows.Count > 10);
        Assert.Empty(Titled(result, customers));
        Assert.DoesNotContain(result.Rows, r => customers.Values.Any(c => c.Title == r.Cells[0].Label));
    }

    [Fact]
    public async Task A_cached_result_with_titles_is_not_served_to_a_viewer_who_may_not_see_them()
    {
        var customers = await CustomersAsync();
        var open = await _kit.RunAsync(ByCustomer, Viewer("cust_all"), cache: true);
        var again = await _kit.RunAsync(ByCustomer, Viewer("cust_all"), cache: true);
        var hidden = await _kit.RunAsync(ByCustomer, Viewer("cust_no_title"), cache: true);
        var stranger = await _kit.RunAsync(ByCustomer, Viewer(), cache: true);

        Assert.NotEmpty(Titled(open, customers));
        Assert.True(again.Cached);
        Assert.False(hidden.Cached);
        Assert.Empty(Titled(hidden, customers));
        Assert.Empty(Titled(stranger, customers));
    }

    [Fact]
    public async Task Drilling_into_a_form_whose_title_field_is_hidden_lists_the_records_without_titles()
    {
        var report = _kit.Parse("""
            { "app": "crm", "key": "by_industry", "name": "By industry", "source": {"form": "customers"}, "chart": {"type": "table"},
              "dimensions": [{"field": "industry"}], "measures": [{"key": "n", "aggregate": "count"}] }
            """);
        var runner = fixture.Services.GetRequiredService<IReportRunner>();
        var open = await runner.DrillAsync(report, Viewer("cust_all"), null, ["it"], 1000, default);
        var hidden = await runner.DrillAsync(report, Viewer("cust_no_title"), null, ["it"], 1000, default);

        Assert.NotEmpty(open.Records);
        Assert.All(open.Records, r => Assert.NotNull(r.Title));
        Assert.Equal(open.Records.Select(r => r.Id).Order(), hidden.Records.Select(r => r.Id).Order());
        Assert.All(hidden.Records, r => Assert.Null(r.Title));
    }

    [Theory]
    [InlineData("customer._title")]
    [InlineData("customer.name")]
    public async Task A_viewer_who_cannot_see_the_title_field_cannot_group_by_the_title_through_a_relation(string path)
    {
        var report = ByCustomer.Replace("\"field\": \"customer\"", $"\"field\": \"{path}\"", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<Platform.Reports.Definitions.ReportException>(() => _kit.RunAsync(report, Viewer("cust_no_title")));
        Assert.Equal("dimensions[0]", Assert.Single(error.Errors).Path);

        var open = await _kit.RunAsync(report, Viewer("cust_all"));
        Assert.NotEmpty(open.Rows);
    }

    [Fact]
    public async Task A_relation_hop_reads_only_related_records_within_the_viewers_scope_on_the_target_form()
    {
        var customers = await CustomersAsync();
        var owner = customers.Values.GroupBy(c => c.Owner).Where(g => g.Key is not null).OrderByDescending(g => g.Count()).First().Key!.Value;
        var report = ByCustomer.Replace("\"field\": \"customer\"", "\"field\": \"customer.industry\"", StringComparison.Ordinal);
        var scoped = await _kit.RunAsync(report, Viewer(owner, "cust_own"));
        var all = await _kit.RunAsync(report, Viewer("cust_all"));

        // Hand-written: industries of the viewer's own customers; every other opportunity has no readable customer.
        await using var conn = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""
            SELECT coalesce(c.data->>'industry', '∅'), count(*) FROM forms.records o
            LEFT JOIN forms.records c ON c.id::text = o.data->>'customer' AND c.app_key = 'crm' AND c.form_key = 'customers'
                                      AND c.deleted_at IS NULL AND c.owner_id = @owner
            WHERE o.app_key = 'crm' AND o.form_key = 'opportunities' AND o.deleted_at IS NULL
            GROUP BY 1
            """, conn);
        cmd.Parameters.AddWithValue("owner", owner);
        var expected = new Dictionary<string, decimal?>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) expected[reader.GetString(0)] = reader.GetInt64(1);

        Same(expected, Rows(scoped, "n"));
        Assert.True(Rows(all, "n").GetValueOrDefault("∅") < Rows(scoped, "n")["∅"]);
    }

    [Fact]
    public async Task A_viewer_with_a_row_scope_gets_their_own_cached_result_and_nobody_elses()
    {
        var customers = await CustomersAsync();
        var owners = customers.Values.Where(c => c.Owner is not null).Select(c => c.Owner!.Value).Distinct().Take(2).ToList();
        // A statement no other test caches: by the customer's industry, with a max measure.
        var report = ByCustomer.Replace("\"field\": \"customer\"", "\"field\": \"customer.industry\"", StringComparison.Ordinal)
            .Replace("\"measures\": [", "\"measures\": [{\"key\": \"top\", \"aggregate\": \"max\", \"field\": \"amount\"}, ", StringComparison.Ordinal);

        var first = await _kit.RunAsync(report, Viewer(owners[0], "cust_own"), cache: true);
        var again = await _kit.RunAsync(report, Viewer(owners[0], "cust_own"), cache: true);
        var other = await _kit.RunAsync(report, Viewer(owners[1], "cust_own"), cache: true);

        Assert.False(first.Cached);
        Assert.True(again.Cached);
        Assert.Equal(Rows(first, "n"), Rows(again, "n"));
        Assert.False(other.Cached);
    }
}
