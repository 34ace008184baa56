using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Permissions;

/// <summary>Partner users see only their own partner's records through every read path.</summary>
public class PartnerIsolationTests : IClassFixture<FormsFixture>, IAsyncLifetime
{
    private readonly FormsFixture db;
    private readonly Guid PartnerA = Guid.NewGuid();
    private readonly Guid PartnerB = Guid.NewGuid();
    private readonly UserContext _alice;
    private readonly UserContext _bob;

    public PartnerIsolationTests(FormsFixture db)
    {
        this.db = db;
        _alice = TestForms.User("alice", null, PartnerA, "partner_sales");
        _bob = TestForms.User("bob", null, PartnerB, "partner_sales");
    }
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();
    private IRecordQueries Queries => db.Services.GetRequiredService<IRecordQueries>();
    private FormRecord _aliceCustomer = null!;
    private FormRecord _bobCustomer = null!;

    public async Task InitializeAsync()
    {
        await TestForms.PublishAsync(db.Services, TestForms.Customers);
        await TestForms.PublishAsync(db.Services, TestForms.Quotes);
        _aliceCustomer = Saved(await Store.CreateAsync(_alice, TestForms.App, "customers", TestForms.Obj("""{"name": "Shared Name Alpha"}"""), default));
        _bobCustomer = Saved(await Store.CreateAsync(_bob, TestForms.App, "customers", TestForms.Obj("""{"name": "Shared Name Beta"}"""), default));
        // An internal user assigns a customer to partner B through the partner field.
        Saved(await Store.CreateAsync(UserContext.System, TestForms.App, "customers", TestForms.Obj($$"""{"name": "Shared Name Gamma", "partner": "{{PartnerB}}"}"""), default));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static FormRecord Saved(RecordWriteResult r) => Assert.IsType<RecordWriteResult.Saved>(r).Record;

    [Fact]
    public async Task List_shows_only_the_own_partners_records()
    {
        var page = await Queries.ListAsync(_alice, TestForms.App, "customers", new RecordQuery { IncludeTotal = true }, default);
        Assert.All(page.Items, r => Assert.Equal(PartnerA, r.PartnerId));
        Assert.Contains(page.Items, r => r.Id == _aliceCustomer.Id);
        var bobs = await Queries.ListAsync(_bob, TestForms.App, "customers", new RecordQuery(), default);
        Assert.Equal(2, bobs.Items.Count(r => r.Title!.StartsWith("Shared Name")));
        Assert.DoesNotContain(bobs.Items, r => r.Id == _aliceCustomer.Id);
    }

    [Fact]
    public async Task Get_of_another_partners_record_is_not_found()
    {
        Assert.Null(await Store.GetAsync(_alice, TestForms.App, "customers", _bobCustomer.Id, default));
        Assert.NotNull(await Store.GetAsync(_bob, TestForms.App, "customers", _bobCustomer.Id, default));
        Assert.Null(await Store.HistoryAsync(_alice, TestForms.App, "customers", _bobCustomer.Id, default));
    }

    [Fact]
    public async Task Keyword_search_does_not_reach_other_partners()
    {
        var page = await Queries.ListAsync(_alice, TestForms.App, "customers", new RecordQuery { Keyword = "shared name" }, default);
        Assert.Equal([_aliceCustomer.Id], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Relation_lookup_and_linking_refuse_other_partners_records()
    {
        var lookup = await Queries.LookupAsync(_alice, TestForms.App, "customers", "Shared", null, 50, default);
        Assert.Equal([_aliceCustomer.Id], lookup.Select(r => r.Id));
        var byId = await Queries.LookupAsync(_alice, TestForms.App, "customers", null, [_bobCustomer.Id], 50, default);
        Assert.Empty(byId);
        var link = await Store.CreateAsync(_alice, TestForms.App, "quotes", TestForms.Obj($$"""{"customer": "{{_bobCustomer.Id}}"}"""), default);
        Assert.Contains(Assert.IsType<RecordWriteResult.Invalid>(link).Errors, e => e.Field == "customer" && e.Code == "relation");
    }

    [Fact]
    public async Task Updates_to_another_partners_record_are_not_found_and_change_nothing()
    {
        var result = await Store.UpdateAsync(_alice, TestForms.App, "customers", _bobCustomer.Id, TestForms.Obj("""{"name": "hijacked"}"""), 1, true, default);
        Assert.IsType<RecordWriteResult.NotFound>(result);
        var still = await Store.GetAsync(UserContext.System, TestForms.App, "customers", _bobCustomer.Id, default);
        Assert.Equal("Shared Name Beta", still!.Data["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hidden_fields_are_left_out_and_read_only_fields_cannot_be_changed()
    {
        var refused = await Store.CreateAsync(_alice, TestForms.App, "customers", TestForms.Obj("""{"name": "Sneaky", "secret": "x"}"""), default);
        Assert.Contains(Assert.IsType<RecordWriteResult.Invalid>(refused).Errors, e => e.Field == "secret");
        Saved(await Store.UpdateAsync(UserContext.System, TestForms.App, "customers", _aliceCustomer.Id, TestForms.Obj("""{"secret": "vendor only"}"""), 1, true, default));
        var mine = await Store.GetAsync(_alice, TestForms.App, "customers", _aliceCustomer.Id, default);
        Assert.False(mine!.Data.ContainsKey("secret"));
        // A whole update by the partner user keeps the hidden value it cannot see.
        Saved(await Store.UpdateAsync(_alice, TestForms.App, "customers", _aliceCustomer.Id, TestForms.Obj("""{"name": "Shared Name Alpha"}"""), mine.Version, false, default));
        var stored = await Store.GetAsync(UserContext.System, TestForms.App, "customers", _aliceCustomer.Id, default);
        Assert.Equal("vendor only", stored!.Data["secret"]!.GetValue<string>());
        mine = await Store.GetAsync(_alice, TestForms.App, "customers", _aliceCustomer.Id, default);
        var write = await Store.UpdateAsync(_alice, TestForms.App, "customers", _aliceCustomer.Id, TestForms.Obj("""{"code": "X-1"}"""), mine!.Version, true, default);
        Assert.Contains(Assert.IsType<RecordWriteResult.Invalid>(write).Errors, e => e.Field == "code" && e.Code == "readOnly");
    }

    [Fact]
    public async Task Read_scope_predicate_for_reports_is_parameterized_and_limited_to_the_partner()
    {
        var permissions = db.Services.GetRequiredService<Platform.Forms.Permissions.IRecordPermissions>();
        var predicate = await permissions.ReadScopeAsync(_alice, TestForms.App, "customers", "x", default);
        Assert.Contains("x.partner_id = @", predicate.Sql);
        Assert.Contains(PartnerA, predicate.Parameters.Values.OfType<Guid>());
        Assert.DoesNotContain(PartnerA.ToString(), predicate.Sql);
    }
}
