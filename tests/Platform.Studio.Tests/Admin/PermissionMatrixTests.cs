using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Studio.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class PermissionMatrixTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private PermissionMatrix Matrix => fixture.Get<PermissionMatrix>();

    [Fact]
    public async Task A_matrix_change_applies_to_the_next_record_read_scope_fields_and_removal()
    {
        await PublishDealFormAsync("perm1");
        var org = fixture.Get<OrganizationAdministration>();
        await EnsureRolesAsync(org);
        var alice = await fixture.CreateUserAsync("alice@perm1.cn", ["seller"]);
        var bob = await fixture.CreateUserAsync("bob@perm1.cn", ["seller"]);
        var store = fixture.Get<IRecordStore>();
        var mine = Saved(await store.CreateAsync(alice, "perm1", "deal", new JsonObject { ["name"] = "爱丽丝的商机", ["amount"] = 1000 }, Ct));
        Saved(await store.CreateAsync(bob, "perm1", "deal", new JsonObject { ["name"] = "鲍勃的商机", ["amount"] = 2000 }, Ct));
        var queries = fixture.Get<IRecordQueries>();
        Assert.Equal([mine], (await queries.ListAsync(alice, "perm1", "deal", new RecordQuery(), Ct)).Items.Select(r => r.Id));

        var row = (await Matrix.ReadAsync(fixture.Admin, "seller", Ct)).Single(r => r.App == "perm1");
        Assert.Equal(DataScope.Own, row.Grant!.Scope);
        Assert.True(row.FormHasGrants);
        var published = await Matrix.SaveAsync(fixture.Admin, "perm1", "deal", "seller",
            row.Grant with { Scope = DataScope.All, Fields = new Dictionary<string, FieldAccess> { ["amount"] = FieldAccess.Hidden } }, Ct);

        Assert.Equal(2, published.Version);
        var all = (await queries.ListAsync(alice, "perm1", "deal", new RecordQuery(), Ct)).Items;
        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.False(r.Data.ContainsKey("amount")));
        Assert.False((await store.GetAsync(alice, "perm1", "deal", mine, Ct))!.Data.ContainsKey("amount"));
        Assert.Equal(1000m, (await store.GetAsync(fixture.Admin, "perm1", "deal", mine, Ct))!.Data["amount"]!.GetValue<decimal>());

        await Matrix.SaveAsync(fixture.Admin, "perm1", "deal", "seller", null, Ct);

        Assert.Empty((await queries.ListAsync(alice, "perm1", "deal", new RecordQuery(), Ct)).Items);
        var after = (await Matrix.ReadAsync(fixture.Admin, "seller", Ct)).Single(r => r.App == "perm1");
        Assert.Null(after.Grant);
        Assert.True(after.FormHasGrants);
        var entries = (await fixture.AuditAsync(new Platform.Core.Identity.AuditQuery("permission", Text: "perm1/deal"))).Items;
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Details!.Contains("scope: All") && e.Details.Contains("amount=Hidden"));
        Assert.Contains(entries, e => e.Details!.StartsWith("grant removed"));
    }

    [Fact]
    public async Task Saving_a_grant_keeps_a_designers_unpublished_draft_edits_and_adds_the_grant_to_them()
    {
        await PublishDealFormAsync("perm2");
        await EnsureRolesAsync(fixture.Get<OrganizationAdministration>());
        var definitions = fixture.Get<IFormDefinitions>();
        var draft = (await definitions.GetDraftAsync("perm2", "deal", Ct))!;
        await definitions.SaveDraftAsync(draft with
        {
            Fields = [.. draft.Fields, new FieldDefinition { Key = "note", Type = "textarea", Label = new LocalizedText("Note", "备注") }],
        }, fixture.Admin, Ct);

        await Matrix.SaveAsync(fixture.Admin, "perm2", "deal", "seller",
            new RoleGrant { Role = "seller", Actions = [FormAction.Read, FormAction.Export], Scope = DataScope.Department }, Ct);

        var published = (await definitions.GetPublishedAsync("perm2", "deal", Ct))!;
        Assert.Null(published.Field("note"));
        Assert.Equal(DataScope.Department, published.Permissions!.Single(g => g.Role == "seller").Scope);
        var kept = (await definitions.GetDraftAsync("perm2", "deal", Ct))!;
        Assert.NotNull(kept.Field("note"));
        Assert.Equal([FormAction.Read, FormAction.Export], kept.Permissions!.Single(g => g.Role == "seller").Actions);
        Assert.Contains(kept.Permissions!, g => g.Role == "viewer");
    }

    private async Task PublishDealFormAsync(string app)
    {
        var definitions = fixture.Get<IFormDefinitions>();
        await definitions.SaveAppAsync(new AppInfo(app, new LocalizedText("Permissions", "权限测试")), Ct);
        await definitions.SaveDraftAsync(new FormDefinition
        {
            App = app,
            Key = "deal",
            Name = new LocalizedText("Deals", "商机"),
            TitleField = "name",
            Fields =
            [
                new FieldDefinition { Key = "name", Type = "text", Label = new LocalizedText("Name", "名称"), Required = true },
                new FieldDefinition { Key = "amount", Type = "money", Label = new LocalizedText("Amount", "金额") },
            ],
            Permissions =
            [
                new RoleGrant { Role = "seller", Actions = [FormAction.Create, FormAction.Read, FormAction.Update], Scope = DataScope.Own },
                new RoleGrant { Role = "viewer", Actions = [FormAction.Read], Scope = DataScope.All },
            ],
        }, fixture.Admin, Ct);
        await definitions.PublishAsync(app, "deal", fixture.Admin, Ct);
    }

    private async Task EnsureRolesAsync(OrganizationAdministration org)
    {
        var roles = (await org.ListRolesAsync(fixture.Admin, Ct)).Select(r => r.Name).ToHashSet();
        foreach (var role in new[] { "seller", "viewer" })
            if (!roles.Contains(role)) await org.CreateRoleAsync(fixture.Admin, role, role, Ct);
    }

    private static Guid Saved(RecordWriteResult result) => result is RecordWriteResult.Saved s
        ? s.Record.Id
        : throw new Xunit.Sdk.XunitException(result.ToString());
}
