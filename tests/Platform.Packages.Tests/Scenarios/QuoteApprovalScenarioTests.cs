using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Packages.Tests.Install;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>
/// The installed template's quote approval flow, run by the real workflow worker: a quote over 100,000 waits for
/// the regional director (the sales department's manager); a small one is approved on its own.
/// </summary>
public sealed class QuoteApprovalScenarioTests(ScenarioPackagesFixture fixture) : IClassFixture<ScenarioPackagesFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_large_quote_waits_for_the_regional_director_and_a_small_one_is_approved_automatically()
    {
        await fixture.InstallAsync(Templates.ChannelCrm());
        var (director, sales) = await fixture.InScopeAsync(async sp =>
        {
            var admin = sp.GetRequiredService<IOrganizationAdmin>();
            var directorId = await admin.CreateUserAsync(new NewUser("director@example.com", "华东区总监", "Director-pass-1"), Ct);
            var east = await admin.CreateDepartmentAsync(new NewDepartment("华东区", ManagerId: directorId), Ct);
            var salesId = await admin.CreateUserAsync(new NewUser("sales@example.com", "华东销售", "Sales-pass-1", DepartmentId: east, ManagerId: directorId), Ct);
            await admin.AssignRoleAsync(salesId, "sales", Ct);
            await admin.AssignRoleAsync(directorId, "regional_director", Ct);
            return (directorId, salesId);
        });
        var org = fixture.Get<IOrgDirectory>();
        var salesUser = (await org.GetUserContextAsync(sales, Ct))!;
        var directorUser = (await org.GetUserContextAsync(director, Ct))!;

        var workers = fixture.Services.GetServices<IHostedService>().ToList();
        foreach (var worker in workers) await worker.StartAsync(Ct);
        try
        {
            var big = await SubmitQuoteAsync(salesUser, quantity: 120, price: 1000);
            var small = await SubmitQuoteAsync(salesUser, quantity: 5, price: 1000);

            Assert.Equal("approved", await StatusEventuallyAsync(small, s => s == "approved"));
            var inbox = fixture.Get<ITaskInbox>();
            var task = await EventuallyAsync(async () =>
                (await inbox.ListAsync(directorUser, InboxBox.Todo, 0, 10, Ct)).SingleOrDefault(t => t.RecordId == big));
            Assert.Equal("pending", await StatusAsync(big));
            Assert.Empty(await inbox.ListAsync(salesUser, InboxBox.Todo, 0, 10, Ct));

            await fixture.Get<ITaskActions>().ApproveAsync(task.TaskId!.Value, directorUser, "同意 / approved", null, Ct);

            Assert.Equal("approved", await StatusEventuallyAsync(big, s => s == "approved"));
        }
        finally
        {
            foreach (var worker in workers) await worker.StopAsync(Ct);
        }
    }

    private async Task<Guid> SubmitQuoteAsync(UserContext user, int quantity, decimal price)
    {
        var store = fixture.Get<IRecordStore>();
        var customer = ChannelCrmInstallTests.Saved(await store.CreateAsync(user, "channel_crm", "customer",
            new JsonObject { ["name"] = $"报价客户 {Guid.NewGuid():N}"[..16], ["industry"] = "finance", ["region"] = "east" }, Ct));
        var opportunity = ChannelCrmInstallTests.Saved(await store.CreateAsync(user, "channel_crm", "opportunity",
            new JsonObject { ["name"] = "报价商机", ["customer"] = customer.ToString(), ["amount"] = quantity * price }, Ct));
        var product = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "product",
            new JsonObject { ["code"] = $"P-{Guid.NewGuid():N}"[..12], ["name"] = "云平台", ["list_price"] = price }, Ct));
        var id = ChannelCrmInstallTests.Saved(await store.CreateAsync(user, "channel_crm", "quote", new JsonObject
        {
            ["opportunity"] = opportunity.ToString(), ["customer"] = customer.ToString(), ["status"] = "draft",
            ["lines"] = new JsonArray(new JsonObject { ["product"] = product.ToString(), ["quantity"] = quantity, ["price"] = price }),
        }, Ct));
        var quote = (await store.GetAsync(user, "channel_crm", "quote", id, Ct))!;
        ChannelCrmInstallTests.Saved(await store.UpdateAsync(user, "channel_crm", "quote", quote.Id,
            new JsonObject { ["status"] = "pending" }, quote.Version, partial: true, Ct));
        return quote.Id;
    }

    private async Task<string?> StatusAsync(Guid quote) =>
        (await fixture.Get<IRecordStore>().GetAsync(UserContext.System, "channel_crm", "quote", quote, Ct))!.Data["status"]?.GetValue<string>();

    private async Task<string?> StatusEventuallyAsync(Guid quote, Func<string?, bool> done)
    {
        string? status = null;
        await EventuallyAsync(async () => done(status = await StatusAsync(quote)) ? status : null);
        return status;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The workflow did not reach the expected state within 60 s.");
            await Task.Delay(100);
        }
    }
}
