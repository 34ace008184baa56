using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;

namespace Platform.Benchmarks;

/// <summary>
/// The reports benchmark's data: an opportunities form with N generated records in forms.records, and the same rows
/// in a hand-written typed table (one column per field) that the engine's queries are compared against.
/// </summary>
internal static class ReportsBenchmarkData
{
    public const string App = "bench";

    private const string Form = """
        { "app": "bench", "key": "opportunities", "name": {"en": "Opportunities", "zh": "商机"}, "titleField": "name",
          "fields": [
            {"key": "name", "type": "text", "label": "Name"},
            {"key": "stage", "type": "select", "label": {"en": "Stage", "zh": "阶段"}, "options": [
              {"key": "lead", "label": {"en": "Initial contact", "zh": "初步接洽"}}, {"key": "qualify", "label": {"en": "Needs confirmed", "zh": "需求确认"}},
              {"key": "proposal", "label": {"en": "Proposal", "zh": "方案报价"}}, {"key": "negotiation", "label": {"en": "Negotiation", "zh": "商务谈判"}},
              {"key": "won", "label": {"en": "Won", "zh": "赢单"}}, {"key": "lost", "label": {"en": "Lost", "zh": "输单"}}]},
            {"key": "region", "type": "select", "label": {"en": "Region", "zh": "大区"}, "options": [
              {"key": "north", "label": "North"}, {"key": "east", "label": "East"}, {"key": "south", "label": "South"}, {"key": "west", "label": "West"}, {"key": "central", "label": "Central"}]},
            {"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}},
            {"key": "amount", "type": "money", "label": {"en": "Amount", "zh": "金额"}},
            {"key": "probability", "type": "percent", "label": "Probability"},
            {"key": "close_date", "type": "date", "label": {"en": "Expected close", "zh": "预计成交日期"}}
          ] }
        """;

    public static async Task PublishFormAsync(IServiceProvider services)
    {
        var defs = services.GetRequiredService<IFormDefinitions>();
        var draft = services.GetRequiredService<FormDefinitionParser>().Parse(Form);
        await defs.SaveAppAsync(new AppInfo(App, new LocalizedText("Benchmark", "基准")), default);
        await defs.SaveDraftAsync(draft, UserContext.System, default);
        await defs.PublishAsync(App, draft.Key, UserContext.System, default);
    }

    public static async Task GenerateAsync(string connectionString, int records)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        async Task Exec(string sql, int timeoutSeconds = 1200)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeoutSeconds };
            cmd.Parameters.AddWithValue("n", records);
            await cmd.ExecuteNonQueryAsync();
        }
        await Exec("""
            CREATE SCHEMA IF NOT EXISTS identity;
            CREATE TABLE IF NOT EXISTS identity.partners (id uuid PRIMARY KEY, name text NOT NULL);
            CREATE TABLE IF NOT EXISTS identity.users (id uuid PRIMARY KEY, display_name text NOT NULL);
            CREATE TABLE IF NOT EXISTS identity.departments (id uuid PRIMARY KEY, name text NOT NULL);
            SELECT setseed(0.42);
            INSERT INTO identity.partners SELECT gen_random_uuid(), 'Partner ' || g FROM generate_series(1, 50) g;
            """);
        await Exec("""
            SELECT setseed(0.17);
            INSERT INTO forms.records (id, app_key, form_key, data, title, owner_id, department_id, partner_id, created_by, created_at, updated_by, updated_at, version)
            SELECT gen_random_uuid(), 'bench', 'opportunities',
                   jsonb_build_object(
                     'name', 'Deal ' || g,
                     'stage', (ARRAY['lead','qualify','proposal','negotiation','won','lost'])[1 + floor(random() * 6)::int],
                     'region', (ARRAY['north','east','south','west','central'])[1 + floor(random() * 5)::int],
                     'partner', p.ids[1 + floor(random() * 50)::int]::text,
                     'amount', round((random() * 1000000)::numeric, 2),
                     'probability', floor(random() * 100)::int,
                     'close_date', to_char(date '2024-01-01' + floor(random() * 900)::int, 'YYYY-MM-DD')),
                   'Deal ' || g, NULL, NULL, NULL, '00000000-0000-0000-0000-000000000000', now(), '00000000-0000-0000-0000-000000000000', now(), 1
            FROM generate_series(1, @n) g, (SELECT array_agg(id ORDER BY name) AS ids FROM identity.partners) p;
            UPDATE forms.records SET partner_id = (data->>'partner')::uuid WHERE app_key = 'bench';
            """);
        // The hand-written baseline: the same rows with one typed column per field.
        await Exec("""
            CREATE TABLE public.typed_opportunities AS
            SELECT id, data->>'stage' AS stage, data->>'region' AS region, (data->>'partner')::uuid AS partner_id,
                   (data->>'amount')::numeric AS amount, (data->>'close_date')::date AS close_date, deleted_at
            FROM forms.records WHERE app_key = 'bench' AND form_key = 'opportunities';
            """);
        await Exec("VACUUM ANALYZE forms.records");
        await Exec("VACUUM ANALYZE public.typed_opportunities");
    }

    public static async Task TouchAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            WITH r AS (SELECT id FROM forms.records WHERE app_key = 'bench' LIMIT 1)
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            SELECT id, 'bench', 'opportunities', 'updated', ARRAY['amount'], '00000000-0000-0000-0000-000000000000', now(), NULL, NULL FROM r
            """, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>The benchmark runs as an administrator, so no org lookups happen; this directory only satisfies the forms engine.</summary>
internal sealed class EmptyOrgDirectory : IOrgDirectory
{
    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult<UserContext?>(null);
    public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([departmentId]);
    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);
    public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
}
