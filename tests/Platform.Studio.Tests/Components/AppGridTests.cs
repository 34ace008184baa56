using Bunit;
using Platform.Studio.Components.Home;

namespace Platform.Studio.Tests.Components;

public sealed class AppGridTests : StudioComponentContext
{
    [Fact]
    public void No_apps_explains_how_to_get_one()
    {
        var grid = Render<AppGrid>(p => p.Add(x => x.Apps, Array.Empty<StudioAppTile>()));

        Assert.Contains("安装模板", grid.Find(".no-apps").TextContent);
        Assert.Empty(grid.FindAll(".app-tile"));
    }

    [Fact]
    public void Each_app_gets_a_tile_linking_to_it_with_its_first_character()
    {
        var grid = Render<AppGrid>(p => p.Add(x => x.Apps, new[]
        {
            new StudioAppTile("crm", "渠道客户管理", "/apps/crm", "客户、商机、报备"),
            new StudioAppTile("hr", "Hiring", "/apps/hr"),
        }));

        var tiles = grid.FindAll(".app-tile");
        Assert.Equal(2, tiles.Count);
        Assert.Equal("/apps/crm", grid.FindAll("a.app-name")[0].GetAttribute("href"));
        Assert.Contains("渠", tiles[0].TextContent);
        Assert.Contains("客户、商机、报备", tiles[0].TextContent);
        Assert.Empty(grid.FindAll(".no-apps"));
    }

    [Fact]
    public void While_loading_a_progress_bar_shows()
    {
        var grid = Render<AppGrid>(p => p.Add(x => x.Apps, null));

        Assert.NotEmpty(grid.FindAll(".mud-progress-linear"));
    }
}
