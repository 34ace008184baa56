using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Reports.Storage;

/// <summary>For `dotnet ef migrations add`; the connection string is never used to connect.</summary>
internal sealed class DesignTimeReportsDbContextFactory : IDesignTimeDbContextFactory<ReportsDbContext>
{
    public ReportsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ReportsDbContext>()
        .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations", ReportsDbContext.Schema))
        .Options);
}
