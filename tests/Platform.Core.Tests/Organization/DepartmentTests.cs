using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Core.Tests.Identity;

namespace Platform.Core.Tests.Organization;

public sealed class DepartmentTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private Task<Guid> Department(string name, Guid? parent = null, Guid? manager = null) =>
        db.InScopeAsync(sp => db.Admin(sp).CreateDepartmentAsync(new NewDepartment(name, parent, manager), Ct));

    private IOrgDirectory Directory => db.Services.GetRequiredService<IOrgDirectory>();

    [Fact]
    public async Task Subtree_contains_the_department_and_everything_below_it_only()
    {
        var company = await Department("公司");
        var sales = await Department("销售部", company);
        var east = await Department("华东区", sales);
        var shanghai = await Department("上海", east);
        var finance = await Department("财务部", company);

        var subtree = await Directory.GetDepartmentSubtreeAsync(sales, Ct);

        Assert.Equal(sales, subtree[0]);
        Assert.Equal(new[] { sales, east, shanghai }.Order(), subtree.Order());
        Assert.DoesNotContain(finance, subtree);
        Assert.Equal(5, (await Directory.GetDepartmentSubtreeAsync(company, Ct)).Count);
    }

    [Fact]
    public async Task Department_manager_walks_up_the_tree_when_a_department_has_none()
    {
        var director = await db.CreateUserAsync("区域总监");
        var region = await Department("华南区", manager: director);
        var city = await Department("广州", region);
        var team = await Department("广州一组", city);

        Assert.Equal(director, (await Directory.GetDepartmentManagerAsync(team, Ct))!.Id);

        var lead = await db.CreateUserAsync("组长");
        await db.InScopeAsync(sp => db.Admin(sp).UpdateDepartmentAsync(team, "广州一组", lead, 0, Ct));
        Assert.Equal(lead, (await Directory.GetDepartmentManagerAsync(team, Ct))!.Id);
    }

    [Fact]
    public async Task Disabled_managers_are_skipped_and_a_tree_without_managers_gives_none()
    {
        var top = await db.CreateUserAsync("top");
        var gone = await db.CreateUserAsync("gone");
        var root = await Department("root", manager: top);
        var child = await Department("child", root, gone);
        await db.InScopeAsync(sp => db.Admin(sp).SetDisabledAsync(gone, true, Ct));

        Assert.Equal(top, (await Directory.GetDepartmentManagerAsync(child, Ct))!.Id);
        Assert.Null(await Directory.GetDepartmentManagerAsync(await Department("lonely"), Ct));
    }

    [Fact]
    public async Task Moving_a_department_under_its_own_child_is_refused()
    {
        var a = await Department("A");
        var b = await Department("B", a);
        var c = await Department("C", b);

        var error = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).MoveDepartmentAsync(a, c, Ct)));
        Assert.Equal("department.cycle", error.Code);
        Assert.Contains("A", error.MessageZh);

        await db.InScopeAsync(sp => db.Admin(sp).MoveDepartmentAsync(c, a, Ct));
        Assert.Equal(new[] { a, b, c }.Order(), (await Directory.GetDepartmentSubtreeAsync(a, Ct)).Order());
        Assert.DoesNotContain(c, await Directory.GetDepartmentSubtreeAsync(b, Ct));
    }

    [Fact]
    public async Task A_department_with_users_or_children_cannot_be_deleted()
    {
        var parent = await Department("parent");
        var child = await Department("child", parent);
        await db.CreateUserAsync("member", departmentId: child);

        var error = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).DeleteDepartmentAsync(parent, Ct)));
        Assert.Equal("department.not_empty", error.Code);
        await Assert.ThrowsAsync<OrganizationException>(() => db.InScopeAsync(sp => db.Admin(sp).DeleteDepartmentAsync(child, Ct)));

        var empty = await Department("empty", parent);
        await db.InScopeAsync(sp => db.Admin(sp).DeleteDepartmentAsync(empty, Ct));
        Assert.DoesNotContain(empty, await Directory.GetDepartmentSubtreeAsync(parent, Ct));
    }

    [Fact]
    public async Task Unknown_parent_is_refused()
    {
        var error = await Assert.ThrowsAsync<OrganizationException>(() => Department("orphan", Guid.NewGuid()));
        Assert.Equal("department.missing", error.Code);
    }
}
