using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Forms.Storage.Migrations
{
    /// <summary>Apps taken out of use (uninstalled) are listed here and hidden; their forms, versions and records stay.</summary>
    [DbContext(typeof(FormsDbContext))]
    [Migration("20261123160000_RetiredApps")]
    public partial class RetiredApps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE forms.retired_apps (
                  app_key    text PRIMARY KEY REFERENCES forms.apps (key) ON DELETE CASCADE,
                  retired_at timestamptz NOT NULL,
                  retired_by uuid NOT NULL,
                  forms      text[] NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS forms.retired_apps;");
        }
    }
}
