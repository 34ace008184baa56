using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Studio.Runtime.Storage;

namespace Platform.Studio.Runtime.Lists;

/// <summary>What a saved list view restores: search, filters, sort, columns, grouping and the board.</summary>
public sealed record ViewState(
    string? Keyword,
    IReadOnlyList<ListCondition> Conditions,
    string? SortField,
    bool SortDescending,
    IReadOnlyList<string> Columns,
    string? GroupBy,
    bool Board,
    string? BoardField);

public sealed record SavedView(Guid Id, string Name, bool Shared, bool IsMine, ViewState State);

/// <summary>The refusal of a saved-view change, in both languages.</summary>
public sealed class SavedViewException(string en, string zh) : Exception(en)
{
    public string Zh { get; } = zh;
}

/// <summary>
/// Personal and shared list views. Everyone sees their own views and the shared ones of the form; only administrators
/// share a view or change a shared one. Field keys are checked again when a view is applied, so a stale view never
/// reaches SQL with a removed field.
/// </summary>
public sealed class SavedViews(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedView>> ListAsync(UserContext user, string app, string form, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        var rows = await db.SavedViews.AsNoTracking()
            .Where(v => v.App == app && v.Form == form && (v.OwnerId == user.UserId || v.Shared))
            .OrderByDescending(v => v.Shared).ThenBy(v => v.Name).ToListAsync(ct);
        return rows.Select(v => new SavedView(v.Id, v.Name, v.Shared, v.OwnerId == user.UserId,
            JsonSerializer.Deserialize<ViewState>(v.State, Json)!)).ToList();
    }

    /// <summary>Saves under the name (replacing the user's view of that name, or the shared one for an administrator).</summary>
    public async Task<SavedView> SaveAsync(UserContext user, string app, string form, string name, bool shared, ViewState state, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw new SavedViewException("A view needs a name of at most 100 characters.", "视图名称不能为空，且不超过 100 个字。");
        if (shared && !user.IsAdministrator) throw new SavedViewException("Only administrators share views.", "只有管理员可以共享视图。");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        var now = time.GetUtcNow();
        var row = await db.SavedViews.FirstOrDefaultAsync(v => v.App == app && v.Form == form && v.Name == name && v.Shared == shared
            && (shared || v.OwnerId == user.UserId), ct);
        if (row is null)
        {
            row = new SavedViewEntity { Id = Guid.NewGuid(), OwnerId = user.UserId, App = app, Form = form, Name = name, Shared = shared, State = "", CreatedAt = now };
            db.SavedViews.Add(row);
        }
        row.State = JsonSerializer.Serialize(state, Json);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new SavedView(row.Id, row.Name, row.Shared, row.OwnerId == user.UserId, state);
    }

    public async Task DeleteAsync(UserContext user, Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudioDbContext>();
        var row = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (row is null) return;
        if (row.OwnerId != user.UserId && !(row.Shared && user.IsAdministrator))
            throw new SavedViewException("This view is not yours to delete.", "这个视图不是您的，不能删除。");
        db.SavedViews.Remove(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The view's conditions and columns that still name visible fields of the form.</summary>
    public static ViewState Sanitize(ViewState state, FormContext context)
    {
        bool Known(string? key) => key is not null && (key.StartsWith('_') || context.Form.Field(key) is not null && context.Access.IsVisible(key));
        return state with
        {
            Conditions = state.Conditions.Where(c => Known(c.Field)).ToList(),
            Columns = state.Columns.Where(Known).ToList(),
            SortField = Known(state.SortField) ? state.SortField : null,
            GroupBy = Known(state.GroupBy) ? state.GroupBy : null,
            BoardField = Known(state.BoardField) ? state.BoardField : null,
        };
    }
}
