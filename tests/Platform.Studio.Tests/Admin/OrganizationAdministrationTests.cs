using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class OrganizationAdministrationTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private OrganizationAdministration Org => fixture.Get<OrganizationAdministration>();

    [Fact]
    public async Task Departments_are_created_renamed_given_a_manager_moved_and_deleted_with_an_audit_trail()
    {
        var head = await Org.CreateDepartmentAsync(fixture.Admin, new NewDepartment("销售中心"), Ct);
        var east = await Org.CreateDepartmentAsync(fixture.Admin, new NewDepartment("华东区", head), Ct);
        var shanghai = await Org.CreateDepartmentAsync(fixture.Admin, new NewDepartment("上海组", east), Ct);
        var boss = await fixture.CreateUserAsync("east-boss@example.com", departmentId: east);
        var member = await fixture.CreateUserAsync("sh-member@example.com", departmentId: shanghai);

        await Org.UpdateDepartmentAsync(fixture.Admin, await DepartmentAsync(east), "华东大区", boss.UserId, Ct);

        var renamed = await DepartmentAsync(east);
        Assert.Equal("华东大区", renamed.Name);
        Assert.Equal(boss.UserId, renamed.ManagerId);
        Assert.Equal(boss.UserId, (await fixture.Get<IOrgDirectory>().GetDepartmentManagerAsync(shanghai, Ct))!.Id);

        var cycle = await Assert.ThrowsAsync<OrganizationException>(() => Org.MoveDepartmentAsync(fixture.Admin, renamed, shanghai, Ct));
        Assert.Equal("department.cycle", cycle.Code);
        await Org.MoveDepartmentAsync(fixture.Admin, await DepartmentAsync(shanghai), head, Ct);
        Assert.Equal(head, (await DepartmentAsync(shanghai)).ParentId);
        Assert.DoesNotContain(shanghai, await fixture.Get<IOrgDirectory>().GetDepartmentSubtreeAsync(east, Ct));

        var moved = await DepartmentAsync(shanghai);
        var notEmpty = await Assert.ThrowsAsync<OrganizationException>(() => Org.DeleteDepartmentAsync(fixture.Admin, moved, Ct));
        Assert.Equal("department.not_empty", notEmpty.Code);
        await fixture.Get<UserAdministration>().UpdateAsync(fixture.Admin, member.UserId, new UserChanges("member", "sh-member@example.com", null, null, []), Ct);
        await Org.DeleteDepartmentAsync(fixture.Admin, await DepartmentAsync(shanghai), Ct);
        Assert.DoesNotContain(await Org.ListDepartmentsAsync(fixture.Admin, Ct), d => d.Id == shanghai);

        var trail = (await fixture.AuditAsync(new AuditQuery("department"))).Items.Select(e => e.Action).ToList();
        Assert.Equal(3, trail.Count(a => a == "department.created"));
        Assert.Contains("department.updated", trail);
        Assert.Single(trail, a => a == "department.moved");
        Assert.Single(trail, a => a == "department.deleted");
    }

    [Fact]
    public void The_department_tree_lists_children_under_their_parent_and_knows_each_subtree()
    {
        var a = new DepartmentInfo(Guid.NewGuid(), "总部", null, null, 0);
        var b = new DepartmentInfo(Guid.NewGuid(), "华南", a.Id, null, 2);
        var c = new DepartmentInfo(Guid.NewGuid(), "华北", a.Id, null, 1);
        var d = new DepartmentInfo(Guid.NewGuid(), "北京", c.Id, null, 0);
        var orphan = new DepartmentInfo(Guid.NewGuid(), "孤儿", Guid.NewGuid(), null, 0);

        var flat = DepartmentTree.Flatten([d, b, orphan, c, a]);

        Assert.Equal(["孤儿", "总部", "华北", "北京", "华南"], flat.Select(n => n.Department.Name));
        Assert.Equal([0, 0, 1, 2, 1], flat.Select(n => n.Depth));
        Assert.Equal(new HashSet<Guid> { c.Id, d.Id }, DepartmentTree.Subtree([a, b, c, d], c.Id));
    }

    [Fact]
    public async Task Partners_are_created_and_updated_codes_stay_unique_and_their_users_are_listed()
    {
        var partner = await Org.CreatePartnerAsync(fixture.Admin, new NewPartner("深圳银牌伙伴", "P-SZ", "silver", "south"), Ct);
        var staff = await fixture.CreateUserAsync("sz-staff@example.com", partnerId: partner);
        await fixture.CreateUserAsync("internal-staff@example.com");

        await Org.UpdatePartnerAsync(fixture.Admin, partner, new NewPartner("深圳金牌伙伴", "P-SZ", "gold", "south", staff.UserId), Ct);
        var taken = await Assert.ThrowsAsync<OrganizationException>(() => Org.CreatePartnerAsync(fixture.Admin, new NewPartner("另一个", "P-SZ"), Ct));

        Assert.Equal("partner.code_taken", taken.Code);
        var info = (await Org.ListPartnersAsync(fixture.Admin, Ct)).Single(p => p.Id == partner);
        Assert.Equal(("深圳金牌伙伴", "gold", staff.UserId), (info.Name, info.Tier, info.ManagerUserId));
        var users = await fixture.Get<UserAdministration>().ListAsync(fixture.Admin, new UserFilter(PartnerId: partner), Ct);
        Assert.Equal(["sz-staff@example.com"], users.Items.Select(u => u.Email));
        var audited = (await fixture.AuditAsync(new AuditQuery("partner", Text: "P-SZ"))).Items.Select(e => e.Action).Order().ToList();
        Assert.Equal(["partner.created", "partner.updated"], audited);
    }

    private async Task<DepartmentInfo> DepartmentAsync(Guid id) => (await Org.ListDepartmentsAsync(fixture.Admin, Ct)).Single(d => d.Id == id);
}
