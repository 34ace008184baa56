using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Forms.Storage;

#nullable disable

namespace Platform.Forms.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "forms");

            migrationBuilder.CreateTable(
                name: "apps",
                schema: "forms",
                columns: table => new
                {
                    key = table.Column<string>(type: "text", nullable: false),
                    name_en = table.Column<string>(type: "text", nullable: false),
                    name_zh = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    icon = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apps", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "form_indexes",
                schema: "forms",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    app_key = table.Column<string>(type: "text", nullable: false),
                    form_key = table.Column<string>(type: "text", nullable: false),
                    field_key = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    sql = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_indexes", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "forms",
                schema: "forms",
                columns: table => new
                {
                    app_key = table.Column<string>(type: "text", nullable: false),
                    key = table.Column<string>(type: "text", nullable: false),
                    draft = table.Column<string>(type: "jsonb", nullable: false),
                    published_version = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forms", x => new { x.app_key, x.key });
                    table.ForeignKey(
                        name: "FK_forms_apps_app_key",
                        column: x => x.app_key,
                        principalSchema: "forms",
                        principalTable: "apps",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "form_versions",
                schema: "forms",
                columns: table => new
                {
                    app_key = table.Column<string>(type: "text", nullable: false),
                    form_key = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_form_versions", x => new { x.app_key, x.form_key, x.version });
                    table.ForeignKey(
                        name: "FK_form_versions_forms_app_key_form_key",
                        columns: x => new { x.app_key, x.form_key },
                        principalSchema: "forms",
                        principalTable: "forms",
                        principalColumns: new[] { "app_key", "key" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_form_indexes_app_key_form_key",
                schema: "forms",
                table: "form_indexes",
                columns: new[] { "app_key", "form_key" });
            migrationBuilder.Sql(RecordTablesSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RecordTablesSql.Down);

            migrationBuilder.DropTable(
                name: "form_indexes",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "form_versions",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "forms",
                schema: "forms");

            migrationBuilder.DropTable(
                name: "apps",
                schema: "forms");
        }
    }
}
