using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Workflow.Definitions;

/// <summary>EF Core context for workflow definitions (schema <c>workflow</c>); runtime tables are reached with Dapper.</summary>
internal sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public const string Schema = "workflow";

    public DbSet<WorkflowDefinitionEntity> Definitions => Set<WorkflowDefinitionEntity>();
    public DbSet<WorkflowVersionEntity> Versions => Set<WorkflowVersionEntity>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<WorkflowDefinitionEntity>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.DraftXml).HasColumnName("draft_xml");
            e.Property(x => x.LatestVersion).HasColumnName("latest_version");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by");
            e.HasIndex(x => x.Key).IsUnique();
        });
        b.Entity<WorkflowVersionEntity>(e =>
        {
            e.ToTable("definition_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.DefinitionId).HasColumnName("definition_id");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Xml).HasColumnName("xml");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.Property(x => x.PublishedBy).HasColumnName("published_by");
            e.Property(x => x.IsCurrent).HasColumnName("is_current");
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.HasIndex(x => x.Key).HasFilter("is_current").IsUnique().HasDatabaseName("ux_definition_versions_current");
            e.HasOne<WorkflowDefinitionEntity>().WithMany().HasForeignKey(x => x.DefinitionId);
        });
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only; never connects.</summary>
internal sealed class WorkflowDesignTimeFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkflowDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations", WorkflowDbContext.Schema))
            .Options);
}
