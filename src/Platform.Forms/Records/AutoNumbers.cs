using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Forms.Records;

/// <summary>
/// Assigns auto-numbers from counter rows updated in the record's transaction: the row lock serialises
/// concurrent creates, and a rollback returns the number, so the sequence has no gaps.
/// </summary>
internal static class AutoNumbers
{
    public static async Task AssignAsync(NpgsqlTransaction tx, FormDefinition form, JsonObject data, DateTime localNow, CancellationToken ct)
    {
        foreach (var field in form.Fields.Where(f => f.Type == "autonumber" && f.NumberPattern is not null))
        {
            var period = AutoNumberFieldType.Period(field.NumberPattern!, localNow);
            var next = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO forms.counters (app_key, form_key, field_key, period, value) VALUES (@app, @form, @field, @period, 1)
                ON CONFLICT (app_key, form_key, field_key, period) DO UPDATE SET value = forms.counters.value + 1
                RETURNING value
                """, new { app = form.App, form = form.Key, field = field.Key, period }, tx, cancellationToken: ct));
            data[field.Key] = AutoNumberFieldType.Render(field.NumberPattern!, localNow, next);
        }
    }
}
