using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Components.Runtime;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;
using Platform.Workflow.Tasks;

namespace Platform.Studio.Tests.Runtime;

public sealed class TodoCenterTests : StudioComponentContext
{
    private static readonly UserContext Me = new(Guid.NewGuid(), "li", "李经理", null, null, new HashSet<string>(), false);
    private readonly Inbox _inbox = new();
    private readonly Actions _actions = new();

    public TodoCenterTests()
    {
        AddAuthorization().SetAuthorized("li");
        Services.AddSingleton<IStudioTextSource, RuntimeTexts>();
        Services.AddSingleton<IUserContextResolver>(new Resolver());
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton<ITaskInbox>(_inbox);
        Services.AddSingleton<ITaskActions>(_actions);
        Services.AddSingleton(TimeProvider.System);
        _actions.Inbox = _inbox;
    }

    [Fact]
    public void Tabs_show_their_counts_and_the_pending_tasks_of_the_user()
    {
        var page = Render<TodoCenter>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".todo-item")));
        Assert.Contains("合同审批", page.Find(".todo-title").TextContent);
        Assert.Contains("3", page.Find(".todo-tabs").TextContent);
        Assert.Equal(Me, _inbox.AskedFor);
    }

    [Fact]
    public void Approving_sends_the_comment_for_that_task_and_refreshes_the_list()
    {
        var page = Render<TodoCenter>();
        page.WaitForAssertion(() => page.Find(".todo-comment input"));

        page.Find(".todo-comment input").Input("同意，按合同执行");
        page.Find("button.todo-approve").Click();

        page.WaitForAssertion(() => Assert.Equal<(Guid, string?, bool)?>((Inbox.TaskId, "同意，按合同执行", true), _actions.Last));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".todo-item")));
    }

    private sealed class Resolver : IUserContextResolver
    {
        public ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
            ValueTask.FromResult<UserContext?>(principal.Identity?.IsAuthenticated == true ? Me : null);
    }

    private sealed class Inbox : ITaskInbox
    {
        public static readonly Guid TaskId = Guid.NewGuid();
        public bool Done { get; set; }
        public UserContext? AskedFor { get; private set; }

        public Task<IReadOnlyList<InboxItem>> ListAsync(UserContext user, InboxBox box, int skip, int take, CancellationToken ct)
        {
            AskedFor = user;
            IReadOnlyList<InboxItem> items = box == InboxBox.Todo && !Done
                ? [new InboxItem(Guid.NewGuid(), TaskId, "contract", "合同审批", "open", null, DateTimeOffset.UtcNow, null)]
                : [];
            return Task.FromResult(items);
        }

        public Task<InboxCounts> CountsAsync(UserContext user, CancellationToken ct) =>
            Task.FromResult(new InboxCounts(Done ? 2 : 3, 0, 0, 0, 0));

        public Task<TaskDetail> GetAsync(Guid taskId, UserContext user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<NotificationItem>> NotificationsAsync(UserContext user, int take, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class Actions : ITaskActions
    {
        public (Guid Task, string? Comment, bool Approved)? Last { get; private set; }
        public Inbox? Inbox { get; set; }

        public Task ApproveAsync(Guid taskId, UserContext user, string? comment, JsonObject? fields, CancellationToken ct)
        {
            Last = (taskId, comment, true);
            if (Inbox is not null) Inbox.Done = true;
            return Task.CompletedTask;
        }

        public Task RejectAsync(Guid taskId, UserContext user, string? comment, CancellationToken ct)
        {
            Last = (taskId, comment, false);
            return Task.CompletedTask;
        }

        public Task ReturnAsync(Guid taskId, UserContext user, string targetNodeId, string? comment, CancellationToken ct) => throw new NotSupportedException();
        public Task TransferAsync(Guid taskId, UserContext user, Guid toUserId, string? comment, CancellationToken ct) => throw new NotSupportedException();
        public Task AddSignerAsync(Guid taskId, UserContext user, Guid signerId, string? comment, CancellationToken ct) => throw new NotSupportedException();
        public Task CommentAsync(Guid taskId, UserContext user, string comment, CancellationToken ct) => throw new NotSupportedException();
    }
}
