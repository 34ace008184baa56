using Microsoft.EntityFrameworkCore;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;

namespace Platform.Forms.Storage;

/// <summary>Metadata of the forms engine (apps, forms, versions, managed indexes). Records are reached with Dapper.</summary>
internal sealed class FormsDbContext(DbContextOptions<FormsDbContext> options) : DbContext(options)
{
    public const string Schema = "forms";

    public DbSet<AppEntity> Apps => Set<AppEntity>();
    public DbSet<FormEntity> Forms => Set<FormEntity>();
    public DbSet<FormVersionEntity> FormVersions => Set<FormVersionEntity>();
    public DbSet<FormIndexEntity> FormIndexes => Set<FormIndexEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<AppEntity>(e =>
        {
            e.ToTable("apps");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.NameEn).HasColumnName("name_en");
            e.Property(x => x.NameZh).HasColumnName("name_zh");
            e.Property(x => x.Description).HasColumnName("description");
            e.Property(x => x.Icon).HasColumnName("icon");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        modelBuilder.Entity<FormEntity>(e =>
        {
            e.ToTable("forms");
            e.HasKey(x => new { x.AppKey, x.Key });
            e.Property(x => x.AppKey).HasColumnName("app_key");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.Draft).HasColumnName("draft").HasColumnType("jsonb");
            e.Property(x => x.PublishedVersion).HasColumnName("published_version");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by");
            e.HasOne<AppEntity>().WithMany().HasForeignKey(x => x.AppKey).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<FormVersionEntity>(e =>
        {
            e.ToTable("form_versions");
            e.HasKey(x => new { x.AppKey, x.FormKey, x.Version });
            e.Property(x => x.AppKey).HasColumnName("app_key");
            e.Property(x => x.FormKey).HasColumnName("form_key");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Definition).HasColumnName("definition").HasColumnType("jsonb");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.Property(x => x.PublishedBy).HasColumnName("published_by");
            e.HasOne<FormEntity>().WithMany().HasForeignKey(x => new { x.AppKey, x.FormKey }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FormIndexEntity>(e =>
        {
            e.ToTable("form_indexes");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.AppKey).HasColumnName("app_key");
            e.Property(x => x.FormKey).HasColumnName("form_key");
            e.Property(x => x.FieldKey).HasColumnName("field_key");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Sql).HasColumnName("sql");
            e.HasIndex(x => new { x.AppKey, x.FormKey });
        });
    }
}
