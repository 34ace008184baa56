using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Database;

namespace Platform.Workflow.Tests.Support;

/// <summary>
/// Creates forms.records and forms.record_events exactly as docs/architecture.md pins them, for as long as the forms
/// migration is not on main; IF NOT EXISTS keeps it harmless once it is.
/// </summary>
internal sealed class FormsContractTables : IPlatformMigration
{
    public string Name => "forms-contract (workflow tests)";
    public int Order => 100;

    public async Task ApplyAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var conn = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            CREATE SCHEMA IF NOT EXISTS forms;
            CREATE TABLE IF NOT EXISTS forms.records (
              id uuid PRIMARY KEY, app_key text NOT NULL, form_key text NOT NULL, data jsonb NOT NULL, title text,
              owner_id uuid, department_id uuid, partner_id uuid, created_by uuid NOT NULL, created_at timestamptz NOT NULL,
              updated_by uuid NOT NULL, updated_at timestamptz NOT NULL, version integer NOT NULL, deleted_at timestamptz);
            CREATE TABLE IF NOT EXISTS forms.record_events (
              id bigserial PRIMARY KEY, record_id uuid NOT NULL, app_key text NOT NULL, form_key text NOT NULL, kind text NOT NULL,
              changed_fields text[] NOT NULL, actor_id uuid NOT NULL, occurred_at timestamptz NOT NULL, before jsonb, after jsonb);
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
