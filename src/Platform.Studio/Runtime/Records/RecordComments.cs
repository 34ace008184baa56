using Microsoft.EntityFrameworkCore;
using Platform.Forms.Records;
using Platform.Studio.Runtime.Storage;

namespace Platform.Studio.Runtime.Records;

public sealed record RecordComment(Guid Id, Guid AuthorId, string Author, string Body, DateTimeOffset At);

/// <summary>
/// Comments on a record. Reading and writing both first read the record through the record store, so only people who
/// may see the record see or add its comments.
/// </summary>
public sealed class RecordComments(IServiceScopeFactory scopes, IRecordStore store, OrgOptions org, TimeProvider time)
{
    public async Task<IReadOnlyList<RecordComment>?> ListAsync(FormContext context, Guid recordId, CancellationToken ct)
    {
        if (await store.GetAsync(context.User, context.Form.App, context.Form.Key, recordId, ct) is null) return null;
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<StudioDbContext>().RecordComments.AsNoTracking()
            .Where(c => c.RecordId == recordId && c.App == context.Form.App && c.Form == context.Form.Key)
            .OrderBy(c => c.CreatedAt).Take(500).ToListAsync(ct);
        var names = (await org.NamesAsync("member", rows.Select(r => r.AuthorId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return rows.Select(r => new RecordComment(r.Id, r.AuthorId, names.GetValueOrDefault(r.AuthorId, "?"), r.Body, r.CreatedAt)).ToList();
    }

    /// <summary>False when the record is not visible to the user (nothing is written).</summary>
    public async Task<bool> AddAsync(FormContext context, Guid recordId, string body, CancellationToken ct)
    {
        body = body.Trim();
        if (body.Length == 0) throw new ArgumentException("A comment cannot be empty.", nameof(body));
        if (body.Length > RecordCommentEntity.MaxLength) throw new ArgumentException($"A comment has at most {RecordCommentEntity.MaxLength} characters.", nameof(body));
        if (await store.GetAsync(context.User, context.Form.App, context.Form.Key, recordId, ct) is null) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        db.RecordComments.Add(new RecordCommentEntity
        {
            Id = Guid.NewGuid(), App = context.Form.App, Form = context.Form.Key, RecordId = recordId, AuthorId = context.User.UserId, Body = body, CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
