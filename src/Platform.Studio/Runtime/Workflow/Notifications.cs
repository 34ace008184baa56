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

    /// <summary>
    /// Where a notification leads: the record page of the workflow instance it came from, or the to-do center when the
    /// instance has no record. Only the notification's own recipient gets an answer; the record page checks read rights.
    /// </summary>
    public async Task<string> LinkAsync(UserContext user, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var target = await conn.QuerySingleOrDefaultAsync<(string? App, string? Form, Guid? Record)>(new CommandDefinition("""
            SELECT i.app_key, i.form_key, i.record_id
            FROM workflow.notifications n LEFT JOIN workflow.instances i ON i.id = n.instance_id
            WHERE n.id = @id AND n.user_id = @user
            """, new { id, user = user.UserId }, cancellationToken: ct));
        return target is { App: { } app, Form: { } form, Record: { } record }
            ? $"/apps/{Uri.EscapeDataString(app)}/forms/{Uri.EscapeDataString(form)}/records/{record}"
            : "/todo";
    }

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
