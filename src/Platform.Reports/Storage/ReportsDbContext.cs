using Microsoft.EntityFrameworkCore;

namespace Platform.Reports.Storage;

/// <summary>Report and dashboard definitions with their published versions, in the <c>reports</c> schema.</summary>
internal sealed class ReportsDbContext(DbContextOptions<ReportsDbContext> options) : DbContext(options)
{
    public const string Schema = "reports";

    public DbSet<DefinitionEntity> Definitions => Set<DefinitionEntity>();
    public DbSet<DefinitionVersionEntity> Versions => Set<DefinitionVersionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<DefinitionEntity>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => new { x.Kind, x.AppKey, x.Key });
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.AppKey).HasColumnName("app_key");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Draft).HasColumnName("draft").HasColumnType("jsonb");
            e.Property(x => x.PublishedVersion).HasColumnName("published_version");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by");
            e.HasIndex(x => new { x.AppKey, x.Kind }).HasDatabaseName("ix_definitions_app");
        });
        modelBuilder.Entity<DefinitionVersionEntity>(e =>
        {
            e.ToTable("definition_versions");
            e.HasKey(x => new { x.Kind, x.AppKey, x.Key, x.Version });
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.AppKey).HasColumnName("app_key");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Definition).HasColumnName("definition").HasColumnType("jsonb");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.Property(x => x.PublishedBy).HasColumnName("published_by");
        });
    }
}
