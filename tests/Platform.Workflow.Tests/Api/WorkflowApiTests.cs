using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Workflow.Api;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Api;

/// <summary>
/// MapWorkflowApi over HTTP: a real ASP.NET Core host (TestServer) with its own container on the fixture's PostgreSQL
/// database. Sign-in is a header-based scheme, so the tests choose who is calling; everything behind it is production code.
/// </summary>
public sealed class WorkflowApiTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>, IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddPlatformDatabase(f.ConnectionString);
        builder.Services.AddSingleton<IOrgDirectory>(f.Org);
        builder.Services.AddSingleton<TimeProvider>(f.Time);
        builder.Services.AddForms();
        builder.Services.AddWorkflow(o => o.WorkerId = "api-test");
        builder.Services.AddAuthentication(HeaderAuth.Name).AddScheme<AuthenticationSchemeOptions, HeaderAuth>(HeaderAuth.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IUserContextResolver, OrgResolver>();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapWorkflowApi();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient As(OrgUser? user)
    {
        var client = _app.GetTestClient();
        if (user is not null) client.DefaultRequestHeaders.Add(HeaderAuth.Header, user.Id.ToString());
        return client;
    }

    private async Task<(Guid Instance, Guid Record, Guid Task)> StartApprovalAsync(OrgUser submitter, OrgUser boss, string key)
    {
        await f.PublishAsync(Bpmn.Process(key, $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="approve" name="Approve order" lc:approvers="user:{boss.Id}" lc:onReject="continue" lc:fieldAccess="discount:editable,cost:hidden" />
            <bpmn:exclusiveGateway id="decision" default="no" />
            <bpmn:serviceTask id="ok" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="approval" expr="'approved'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="ko" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="approval" expr="'rejected'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "approve")}{Bpmn.Flow("b", "approve", "decision")}
            {Bpmn.Flow("yes", "decision", "ok", "outcome == 'approved'")}{Bpmn.Flow("no", "decision", "ko")}
            {Bpmn.Flow("c", "ok", "end")}{Bpmn.Flow("d", "ko", "end")}
            """));
        var record = await f.CreateRecordAsync("crm", "orders", new { amount = 120000, cost = 80000 }, submitter.Id, owner: submitter.Id);
        var started = await As(submitter).PostAsJsonAsync($"/api/workflow/definitions/{key}/start", new { recordId = record });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<Guid>();
        var todo = await As(boss).GetFromJsonAsync<JsonArray>("/api/workflow/tasks?box=Todo");
        var item = Assert.Single(todo!, t => t!["instanceId"]!.GetValue<Guid>() == instance)!;
        return (instance, record, item["taskId"]!.GetValue<Guid>());
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    [Fact]
    public async Task Start_inbox_counts_and_approve_over_http_update_the_record_through_the_form_engine()
    {
        var submitter = f.Org.AddUser("api_submitter");
        var boss = f.Org.AddUser("api_boss");
        var (instance, record, task) = await StartApprovalAsync(submitter, boss, "api_approve");

        var counts = await As(boss).GetFromJsonAsync<JsonObject>("/api/workflow/tasks/counts");
        Assert.Equal(1, counts!["todo"]!.GetValue<int>());
        var detail = await As(boss).GetFromJsonAsync<JsonObject>($"/api/workflow/tasks/{task}");
        Assert.False(detail!["record"]!.AsObject().ContainsKey("cost"));
        var started = await As(submitter).GetFromJsonAsync<JsonArray>("/api/workflow/tasks?box=Started");
        Assert.Contains(started!, i => i!["instanceId"]!.GetValue<Guid>() == instance);

        var approved = await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { comment = "同意", fields = new { discount = 0.05 } });
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);

        var data = await f.RecordDataAsync(record);
        Assert.Equal("approved", data["approval"]!.GetValue<string>());
        Assert.Equal(0.05m, data["discount"]!.GetValue<decimal>());
        Assert.Equal("completed", await f.StatusAsync(instance));
        var view = await As(submitter).GetFromJsonAsync<JsonObject>($"/api/workflow/instances/{instance}");
        Assert.Equal("completed", view!["instance"]!["status"]!.GetValue<string>());
        Assert.Contains(view["visitedNodes"]!.AsArray(), n => n!.GetValue<string>() == "ok");
        Assert.DoesNotContain(view["visitedNodes"]!.AsArray(), n => n!.GetValue<string>() == "ko");
        // The approver's edit is in the record's field history under the approver's name.
        Assert.Equal(1, await f.QuerySingleAsync<long>(
            "SELECT count(*) FROM forms.record_history WHERE record_id = @record AND actor_id = @boss AND changes::text LIKE '%discount%'",
            new { record, boss = boss.Id }));
        Assert.Equal(0, (await As(boss).GetFromJsonAsync<JsonObject>("/api/workflow/tasks/counts"))!["todo"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reject_by_the_approver_takes_the_rejection_path()
    {
        var submitter = f.Org.AddUser("api_rej_submitter");
        var boss = f.Org.AddUser("api_rej_boss");
        var (instance, record, task) = await StartApprovalAsync(submitter, boss, "api_reject");
        var rejected = await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/reject", new { comment = "太贵" });
        Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        Assert.Equal("rejected", (await f.RecordDataAsync(record))["approval"]!.GetValue<string>());
        Assert.Equal("completed", await f.StatusAsync(instance));
    }

    [Fact]
    public async Task Strangers_get_403_unknown_ids_404_bad_input_400_and_anonymous_callers_401_as_problem_details()
    {
        var submitter = f.Org.AddUser("api_err_submitter");
        var boss = f.Org.AddUser("api_err_boss");
        var stranger = f.Org.AddUser("api_err_stranger");
        var (instance, record, task) = await StartApprovalAsync(submitter, boss, "api_errors");

        var denied = await ProblemAsync(await As(stranger).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.Contains("approver", denied["detail"]!.GetValue<string>());
        Assert.Contains("审批人", denied["detail"]!.GetValue<string>());
        await ProblemAsync(await As(stranger).GetAsync($"/api/workflow/tasks/{task}"), HttpStatusCode.Forbidden);
        await ProblemAsync(await As(stranger).PostAsJsonAsync($"/api/workflow/tasks/{task}/reject", new { }), HttpStatusCode.Forbidden);

        await ProblemAsync(await As(boss).GetAsync($"/api/workflow/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{Guid.NewGuid()}/approve", new { }), HttpStatusCode.NotFound);
        await ProblemAsync(await As(submitter).PostAsJsonAsync("/api/workflow/definitions/no_such_flow/start", new { recordId = record }), HttpStatusCode.NotFound);
        await ProblemAsync(await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/escalate", new { }), HttpStatusCode.NotFound);

        // A field the step does not make editable, and a value the form refuses: 400, and the task stays open.
        var readOnly = await ProblemAsync(await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { fields = new { amount = 1 } }), HttpStatusCode.BadRequest);
        Assert.Contains("amount", readOnly["detail"]!.GetValue<string>());
        var invalid = await ProblemAsync(await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { fields = new { discount = "lots" } }), HttpStatusCode.BadRequest);
        Assert.Contains("discount", invalid["detail"]!.GetValue<string>());
        Assert.Equal("running", await f.StatusAsync(instance));
        Assert.Null((await f.RecordDataAsync(record))["discount"]);

        await ProblemAsync(await As(null).GetAsync("/api/workflow/tasks/counts"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, (await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { })).StatusCode);
        // Acting twice on a finished task is a conflict, not a success.
        await ProblemAsync(await As(boss).PostAsJsonAsync($"/api/workflow/tasks/{task}/approve", new { }), HttpStatusCode.Conflict);
    }

    /// <summary>Signs the request in as the user whose id is in the X-Test-User header.</summary>
    private sealed class HeaderAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var id)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString())], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }

    private sealed class OrgResolver(IOrgDirectory org) : IUserContextResolver
    {
        public async ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
            Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? await org.GetUserContextAsync(id, ct) : null;
    }
}
