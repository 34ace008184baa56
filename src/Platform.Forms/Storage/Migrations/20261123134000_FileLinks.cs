using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Forms.Storage.Migrations
{
    /// <summary>Files remember when a record first linked them, so the sweeper can find uploads that never were.</summary>
    [DbContext(typeof(FormsDbContext))]
    [Migration("20261123134000_FileLinks")]
    public partial class FileLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE forms.files ADD COLUMN linked_at timestamptz;
                UPDATE forms.files f SET linked_at = f.created_at
                WHERE EXISTS (SELECT 1 FROM forms.records r WHERE r.app_key = f.app_key AND r.form_key = f.form_key
                              AND r.data -> f.field_key @> jsonb_build_array(jsonb_build_object('id', f.id::text)));
                CREATE INDEX ix_files_unlinked ON forms.files (created_at) WHERE linked_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS forms.ix_files_unlinked;
                ALTER TABLE forms.files DROP COLUMN linked_at;
                """);
        }
    }
}
