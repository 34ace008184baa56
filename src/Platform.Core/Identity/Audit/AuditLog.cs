using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Identity;

internal sealed class AuditLog(IdentityDb db, TimeProvider time) : IAuditLog
{
    private const int MaxText = 500;

    public async Task WriteAsync(AuditEvent entry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        db.AuditLog.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            ActorId = entry.ActorId,
            ActorName = Clip(entry.ActorName, 200),
            Action = Clip(entry.Action, 64),
            Target = Clip(entry.Target, MaxText),
            Details = entry.Details is null ? null : Clip(entry.Details, 4000),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        var rows = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Area))
        {
            var area = query.Area.Trim();
            rows = rows.Where(e => e.Action == area || e.Action.StartsWith(area + "."));
        }
        if (query.ActorId is { } actor) rows = rows.Where(e => e.ActorId == actor);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{Escape(query.Text.Trim())}%";
            rows = rows.Where(e => EF.Functions.ILike(e.ActorName, pattern) || EF.Functions.ILike(e.Target, pattern)
                || (e.Details != null && EF.Functions.ILike(e.Details, pattern)));
        }
        if (query.From is { } from) rows = rows.Where(e => e.OccurredAt >= from);
        if (query.To is { } to) rows = rows.Where(e => e.OccurredAt < to);

        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, IAuditLog.MaxTake))
            .Select(e => new AuditRecord(e.Id, e.OccurredAt, e.ActorId, e.ActorName, e.Action, e.Target, e.Details))
            .ToListAsync(ct);
        return new AuditPage(page, total);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
