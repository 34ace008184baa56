using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;

namespace Platform.Forms.Files;

/// <summary>
/// Attachments and images kept in PostgreSQL (forms.files), size- and type-checked against their field on upload.
/// A download is allowed to whoever can read a record that references the file, or to the uploader before it is linked.
/// </summary>
public sealed class FileStore(NpgsqlDataSource dataSource, IFormDefinitions definitions, IRecordPermissions permissions,
    FieldTypeRegistry types, TimeProvider clock)
{
    public async Task<UploadResult> UploadAsync(UserContext user, string app, string form, string field, string fileName, string contentType,
        Stream content, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition || definition.Field(field) is not { } f
            || types.Get(f.Type) is not FileFieldTypeBase type)
            return new UploadResult(null, $"'{field}' is not a file field of form '{form}'.", $"“{field}”不是表单“{form}”的文件字段。");
        var access = permissions.Resolve(user, definition);
        if (!(access.Can(FormAction.Create) || access.Can(FormAction.Update)) || access.For(field) != FieldAccess.Editable)
            return new UploadResult(null, "You may not upload files to this field.", "您无权向此字段上传文件。", Forbidden: true);
        if (!type.Accepts(f, fileName, contentType))
            return new UploadResult(null, $"{f.Label.En}: files of type {contentType} ({Path.GetExtension(fileName)}) are not accepted.",
                $"{f.Label.Zh}：不接受 {contentType}（{Path.GetExtension(fileName)}）类型的文件。");
        var max = type.MaxSize(f);
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, max + 1, ct);
        if (buffer.Length > max)
            return new UploadResult(null, $"{f.Label.En}: the file is larger than {max / 1024} KB.", $"{f.Label.Zh}：文件超过 {max / 1024} KB。");
        var bytes = buffer.ToArray();
        if (!FileSignatures.LooksLike(contentType, bytes.AsSpan(0, Math.Min(16, bytes.Length))))
            return new UploadResult(null, $"{f.Label.En}: the content is not a {contentType} file.", $"{f.Label.Zh}：文件内容不是 {contentType}。");

        var stored = new StoredFile(Guid.CreateVersion7(), Path.GetFileName(fileName), contentType, bytes.Length);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO forms.files (id, app_key, form_key, field_key, file_name, content_type, size, sha256, content, created_by, created_at)
            VALUES (@Id, @app, @form, @field, @Name, @ContentType, @Size, @sha, @bytes, @user, @now)
            """, new { stored.Id, app, form, field, stored.Name, stored.ContentType, stored.Size, sha = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                bytes, user = user.UserId, now = clock.GetUtcNow() }, cancellationToken: ct));
        return new UploadResult(stored);
    }

    public async Task<(StoredFile File, byte[] Content)?> DownloadAsync(UserContext user, string app, string form, Guid id, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return null;
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var access = permissions.Resolve(user, definition);
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { id, app, form, user = user.UserId, needle = $"[{{\"id\":\"{id}\"}}]" });
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var file = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Name, string ContentType, long Size, string Field, byte[] Content)>(new CommandDefinition($"""
            SELECT f.id, f.file_name, f.content_type, f.size, f.field_key, f.content FROM forms.files f
            WHERE f.id = @id AND f.app_key = @app AND f.form_key = @form AND (
              EXISTS (SELECT 1 FROM forms.records r WHERE r.app_key = @app AND r.form_key = @form AND r.deleted_at IS NULL
                      AND r.data -> f.field_key @> @needle::jsonb AND {scope.Sql})
              OR (f.created_by = @user AND NOT EXISTS (SELECT 1 FROM forms.records r WHERE r.app_key = @app AND r.form_key = @form
                      AND r.data -> f.field_key @> @needle::jsonb)))
            """, args, cancellationToken: ct));
        if (file.Content is null || !access.IsVisible(file.Field)) return null;
        return (new StoredFile(file.Id, file.Name, file.ContentType, file.Size), file.Content);
    }

    private static async Task CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int read;
        while (target.Length < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - target.Length)), ct)) > 0)
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
    }
}
