using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Commands;

/// <summary>Migrates, makes sure an administrator exists, serves the Studio and says how to sign in.</summary>
internal sealed class RunCommand : IStudioCommand
{
    public string Name => "run";
    public string Description => "migrate the database and serve the Studio and its REST API";

    public async Task<int> ExecuteAsync(StudioCommandContext context)
    {
        var app = context.App;
        await app.Services.GetRequiredService<PlatformMigrator>().MigrateAsync(context.Cancellation);
        FirstAdministratorResult admin;
        try
        {
            admin = await EnsureAdministratorAsync(app, context.Cancellation);
        }
        catch (OrganizationException e)
        {
            await context.Output.WriteLineAsync($"Cannot create the first administrator (Platform:Admin): {e.Message}");
            await context.Output.WriteLineAsync($"无法创建首个管理员：{e.MessageZh}");
            return 1;
        }

        await app.StartAsync(context.Cancellation);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        PrintBanner(context.Output, addresses, admin);
        await app.WaitForShutdownAsync(context.Cancellation);
        return 0;
    }

    private static async Task<FirstAdministratorResult> EnsureAdministratorAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var section = app.Configuration.GetSection("Platform:Admin");
        return await scope.ServiceProvider.GetRequiredService<IFirstAdministrator>()
            .EnsureAsync(section["Email"], section["Password"], ct);
    }

    private static void PrintBanner(TextWriter output, ICollection<string> addresses, FirstAdministratorResult admin)
    {
        var url = addresses.FirstOrDefault() ?? "(no address)";
        output.WriteLine();
        output.WriteLine("  Platform Studio is running / 平台已启动");
        output.WriteLine($"  Open:    {url}");
        output.WriteLine($"  Sign in: {admin.Email}");
        if (admin.GeneratedPassword is not null)
        {
            output.WriteLine($"  Password (shown only this once / 仅显示这一次): {admin.GeneratedPassword}");
        }
        else if (admin.Created)
        {
            output.WriteLine("  Password: the one in Platform__Admin__Password");
        }
        else
        {
            output.WriteLine("  Password: the administrator's password chosen earlier");
        }
        output.WriteLine("  API token: curl -X POST " + url + "/api/auth/token -H 'Content-Type: application/json' \\");
        output.WriteLine("             -d '{\"email\":\"" + admin.Email + "\",\"password\":\"…\",\"name\":\"cli\",\"expiresInDays\":30}'");
        output.WriteLine("  Stop with Ctrl+C.");
        output.WriteLine();
    }
}
