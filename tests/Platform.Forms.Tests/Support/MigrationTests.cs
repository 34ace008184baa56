using Dapper;
using Npgsql;

namespace Platform.Forms.Tests.Support;

public class MigrationTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    [Fact]
    public async Task Migrations_create_the_contract_tables_with_the_agreed_columns()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var columns = (await conn.QueryAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'forms' AND table_name = 'records' ORDER BY ordinal_position")).ToList();
        Assert.Equal(["id", "app_key", "form_key", "data", "title", "owner_id", "department_id", "partner_id", "created_by",
            "created_at", "updated_by", "updated_at", "version", "deleted_at"], columns);
        var tables = (await conn.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'forms'")).ToHashSet();
        foreach (var t in new[] { "record_events", "record_history", "files", "counters", "apps", "forms", "form_versions", "form_indexes" })
            Assert.Contains(t, tables);
    }
}
