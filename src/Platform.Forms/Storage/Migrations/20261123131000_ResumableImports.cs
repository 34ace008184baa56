using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Forms.Storage.Migrations
{
    /// <summary>Import jobs keep their file, options and acting user until they finish, so a restart can resume them.</summary>
    [DbContext(typeof(FormsDbContext))]
    [Migration("20261123131000_ResumableImports")]
    public partial class ResumableImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE forms.import_jobs
                  ADD COLUMN file_name text,
                  ADD COLUMN content bytea,
                  ADD COLUMN options jsonb,
                  ADD COLUMN acting_user jsonb,
                  ADD COLUMN errors jsonb NOT NULL DEFAULT '[]';
                CREATE INDEX ix_import_jobs_running ON forms.import_jobs (created_at) WHERE status = 'running';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS forms.ix_import_jobs_running;
                ALTER TABLE forms.import_jobs DROP COLUMN file_name, DROP COLUMN content, DROP COLUMN options, DROP COLUMN acting_user, DROP COLUMN errors;
                """);
        }
    }
}
