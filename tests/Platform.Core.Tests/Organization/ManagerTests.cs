using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Core.Tests.Identity;

namespace Platform.Core.Tests.Organization;

public sealed class ManagerTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private IOrgDirectory Directory => db.Services.GetRequiredService<IOrgDirectory>();

    [Fact]
    public async Task Manager_lookup_climbs_n_levels_and_stops_at_the_top()
    {
        var ceo = await db.CreateUserAsync("ceo");
        var vp = await db.CreateUserAsync("vp", managerId: ceo);
        var director = await db.CreateUserAsync("director", managerId: vp);
        var rep = await db.CreateUserAsync("rep", managerId: director);

        Assert.Equal(director, (await Directory.GetManagerAsync(rep, 1, Ct))!.Id);
        Assert.Equal(vp, (await Directory.GetManagerAsync(rep, 2, Ct))!.Id);
        Assert.Equal(ceo, (await Directory.GetManagerAsync(rep, 3, Ct))!.Id);
        Assert.Null(await Directory.GetManagerAsync(rep, 4, Ct));
        Assert.Null(await Directory.GetManagerAsync(ceo, 1, Ct));
    }

    [Fact]
    public async Task A_manager_cycle_is_refused()
    {
        var boss = await db.CreateUserAsync("boss");
        var mid = await db.CreateUserAsync("mid", managerId: boss);
        var junior = await db.CreateUserAsync("junior", managerId: mid);

        var cycle = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).SetManagerAsync(boss, junior, Ct)));
        var self = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).SetManagerAsync(mid, mid, Ct)));

        Assert.Equal("user.manager_cycle", cycle.Code);
        Assert.Equal("user.manager_self", self.Code);
        Assert.Null(await Directory.GetManagerAsync(boss, 1, Ct));
    }

    [Fact]
    public async Task Changing_the_manager_changes_the_chain()
    {
        var first = await db.CreateUserAsync("first");
        var second = await db.CreateUserAsync("second");
        var rep = await db.CreateUserAsync("rep2", managerId: first);

        await db.InScopeAsync(sp => db.Admin(sp).SetManagerAsync(rep, second, Ct));

        var found = await Directory.FindUserAsync(rep, Ct);
        Assert.Equal(second, found!.ManagerId);
        Assert.Equal("second", (await Directory.GetManagerAsync(rep, 1, Ct))!.DisplayName);
    }
}
