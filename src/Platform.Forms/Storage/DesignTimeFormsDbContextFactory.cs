using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Forms.Storage;

/// <summary>For `dotnet ef migrations add`; the connection string is never used to connect.</summary>
internal sealed class DesignTimeFormsDbContextFactory : IDesignTimeDbContextFactory<FormsDbContext>
{
    public FormsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<FormsDbContext>()
        .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations", FormsDbContext.Schema))
        .Options);
}
