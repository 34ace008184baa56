using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;

namespace Platform.Forms.Records;

/// <summary>
/// Checks what record data points at: related records must exist and be visible to the writer (so a partner user
/// cannot link, and thereby learn about, another partner's records), and files must have been uploaded for the field.
/// Only references that changed are checked, so a record whose old link became invisible can still be saved.
/// </summary>
internal sealed class ReferenceChecker(IFormDefinitions definitions, IRecordPermissions permissions, FieldTypeRegistry types, TimeProvider clock)
{
    public async Task CheckAsync(NpgsqlConnection conn, UserContext user, FormDefinition form, JsonObject? before, JsonObject data,
        List<FieldError> errors, CancellationToken ct)
    {
        foreach (var field in form.Fields)
        {
            if (types.Get(field.Type) is FileFieldTypeBase)
            {
                if (Ids(data[field.Key]).Any()) await LinkFilesAsync(conn, form, field, data, errors, ct);
                continue;
            }
            var fresh = Ids(data[field.Key]).Except(Ids(before?[field.Key])).ToArray();
            if (fresh.Length == 0) continue;
            if (field.Type == "relation") await CheckRelationAsync(conn, user, form, field, fresh, errors, ct);
        }
    }

    private async Task CheckRelationAsync(NpgsqlConnection conn, UserContext user, FormDefinition form, FieldDefinition field, Guid[] ids,
        List<FieldError> errors, CancellationToken ct)
    {
        var app = field.Relation!.App ?? form.App;
        var target = await definitions.GetPublishedAsync(app, field.Relation.Form, ct);
        var scope = target is null ? SqlPredicate.False : await permissions.ReadScopeAsync(user, target, "r", ct);
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { ids, app, form = field.Relation.Form });
        var found = (await conn.QueryAsync<Guid>(new CommandDefinition(
            $"SELECT r.id FROM forms.records r WHERE r.id = ANY(@ids) AND r.app_key = @app AND r.form_key = @form AND r.deleted_at IS NULL AND {scope.Sql}",
            args, cancellationToken: ct))).ToHashSet();
        foreach (var missing in ids.Where(i => !found.Contains(i)))
            errors.Add(new FieldError(field.Key, "relation", $"{field.Label.En}: record {missing} does not exist or is not visible to you.",
                $"{field.Label.Zh}：记录 {missing} 不存在或您无权查看。"));
    }

    private async Task LinkFilesAsync(NpgsqlConnection conn, FormDefinition form, FieldDefinition field, JsonObject data,
        List<FieldError> errors, CancellationToken ct)
    {
        var ids = Ids(data[field.Key]).ToArray();
        var files = (await conn.QueryAsync<(Guid Id, string Name, string ContentType, long Size)>(new CommandDefinition(
            "SELECT id, file_name, content_type, size FROM forms.files WHERE id = ANY(@ids) AND app_key = @app AND form_key = @form AND field_key = @field",
            new { ids, app = form.App, form = form.Key, field = field.Key }, cancellationToken: ct))).ToDictionary(f => f.Id);
        var linked = new JsonArray();
        foreach (var id in ids)
        {
            if (!files.TryGetValue(id, out var f))
            {
                errors.Add(new FieldError(field.Key, "file", $"{field.Label.En}: file {id} was not uploaded for this field.", $"{field.Label.Zh}：文件 {id} 未上传到此字段。"));
                continue;
            }
            linked.Add(new JsonObject { ["id"] = id.ToString(), ["name"] = f.Name, ["size"] = f.Size, ["contentType"] = f.ContentType });
        }
        data[field.Key] = linked;
        // Marks the files as linked in the record's transaction (a rollback unmarks them); the sweeper leaves them alone.
        await conn.ExecuteAsync(new CommandDefinition("UPDATE forms.files SET linked_at = @now WHERE id = ANY(@ids) AND linked_at IS NULL",
            new { ids = files.Keys.ToArray(), now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    private static IEnumerable<Guid> Ids(JsonNode? value) => value switch
    {
        JsonArray a => a.SelectMany(Ids),
        JsonObject o when o["id"] is { } id => Ids(id),
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) => [g],
        _ => [],
    };
}
