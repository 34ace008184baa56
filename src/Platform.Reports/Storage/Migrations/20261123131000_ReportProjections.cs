using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Reports.Projections;

#nullable disable

namespace Platform.Reports.Storage.Migrations
{
    /// <summary>Typed reporting projections: registry, safe casts and the triggers on forms.records that keep them exact.</summary>
    public partial class ReportProjections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ProjectionSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ProjectionSql.Down);
    }
}
