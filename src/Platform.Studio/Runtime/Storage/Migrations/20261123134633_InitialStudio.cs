using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Studio.Runtime.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialStudio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "studio");

            migrationBuilder.CreateTable(
                name: "record_comments",
                schema: "studio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    app = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    form = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_comments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "saved_views",
                schema: "studio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    app = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    form = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    shared = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saved_views", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_record_comments_record_id_created_at",
                schema: "studio",
                table: "record_comments",
                columns: new[] { "record_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_saved_views_app_form_owner_id",
                schema: "studio",
                table: "saved_views",
                columns: new[] { "app", "form", "owner_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "record_comments",
                schema: "studio");

            migrationBuilder.DropTable(
                name: "saved_views",
                schema: "studio");
        }
    }
}
