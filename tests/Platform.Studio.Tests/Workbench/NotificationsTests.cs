using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Studio.Runtime.Workflow;

namespace Platform.Studio.Tests.Workbench;

public sealed class NotificationsTests(WorkbenchDatabaseFixture db) : IClassFixture<WorkbenchDatabaseFixture>
{
    [Fact]
    public async Task Marking_read_touches_only_the_users_own_notifications_and_the_unread_count_follows()
    {
        var (me, other) = (await db.NewUserAsync("我"), await db.NewUserAsync("别人"));
        var first = await NotifyAsync(me, "报价待审批");
        await NotifyAsync(me, "商机已赢单");
        var others = await NotifyAsync(other, "别人的通知");
        var notes = db.Get<Notifications>();

        Assert.Equal(2, (await notes.CountsAsync(me, CancellationToken.None)).Unread);
        Assert.Equal(0, await notes.MarkReadAsync(me, others, CancellationToken.None));
        Assert.Equal(1, await notes.MarkReadAsync(me, first, CancellationToken.None));
        Assert.Equal(1, (await notes.CountsAsync(me, CancellationToken.None)).Unread);
        Assert.NotNull((await notes.LatestAsync(me, CancellationToken.None)).Single(n => n.Id == first).ReadAt);

        Assert.Equal(1, await notes.MarkReadAsync(me, null, CancellationToken.None));
        Assert.Equal(0, (await notes.CountsAsync(me, CancellationToken.None)).Unread);
        Assert.Equal(1, (await notes.CountsAsync(other, CancellationToken.None)).Unread);
    }

    [Fact]
    public async Task A_notification_without_a_record_or_of_someone_else_leads_to_the_todo_center()
    {
        var (me, other) = (await db.NewUserAsync("链接"), await db.NewUserAsync("旁人"));
        var mine = await NotifyAsync(me, "无记录的通知");
        var notes = db.Get<Notifications>();
        Assert.Equal("/todo", await notes.LinkAsync(me, mine, CancellationToken.None));
        Assert.Equal("/todo", await notes.LinkAsync(other, mine, CancellationToken.None));
    }

    private async Task<Guid> NotifyAsync(UserContext user, string subject)
    {
        var id = Guid.NewGuid();
        await using var conn = await db.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO workflow.notifications (id, user_id, subject, body, created_at) VALUES (@id, @user, @subject, '', now())",
            new { id, user = user.UserId, subject });
        return id;
    }
}
