using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Tasks;

namespace Platform.Studio.Runtime.Workflow;

/// <summary>The in-app notifications the workflow engine sends: the newest ones, the unread count, and marking them read.</summary>
public sealed class Notifications(ITaskInbox inbox, NpgsqlDataSource db, TimeProvider time)
{
    public const int Take = 20;

    public async Task<(int Unread, int Todo)> CountsAsync(UserContext user, CancellationToken ct)
    {
        var counts = await inbox.CountsAsync(user, ct);
        return (counts.UnreadNotifications, counts.Todo);
    }

    public Task<IReadOnlyList<NotificationItem>> LatestAsync(UserContext user, CancellationToken ct) => inbox.NotificationsAsync(user, Take, ct);

    /// <summary>Marks one notification (or all when <paramref name="id"/> is null) of this user as read; others' are never touched.</summary>
    public async Task<int> MarkReadAsync(UserContext user, Guid? id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.notifications SET read_at = @now
            WHERE user_id = @user AND read_at IS NULL AND (@id::uuid IS NULL OR id = @id)
            """, new { user = user.UserId, id, now = time.GetUtcNow().UtcDateTime }, cancellationToken: ct));
    }
}
