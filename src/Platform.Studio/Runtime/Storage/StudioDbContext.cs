using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Studio.Runtime.Storage;

/// <summary>The Studio's own tables (schema <c>studio</c>, migration order 500): saved list views and record comments.</summary>
public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : DbContext(options)
{
    public const string Schema = "studio";
    public const int MigrationOrder = 500;

    public DbSet<SavedViewEntity> SavedViews => Set<SavedViewEntity>();
    public DbSet<RecordCommentEntity> RecordComments => Set<RecordCommentEntity>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<SavedViewEntity>(e =>
        {
            e.ToTable("saved_views");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.OwnerId).HasColumnName("owner_id");
            e.Property(x => x.App).HasColumnName("app").HasMaxLength(100);
            e.Property(x => x.Form).HasColumnName("form").HasMaxLength(100);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Shared).HasColumnName("shared");
            e.Property(x => x.State).HasColumnName("state").HasColumnType("jsonb");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => new { x.App, x.Form, x.OwnerId });
        });
        b.Entity<RecordCommentEntity>(e =>
        {
            e.ToTable("record_comments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.App).HasColumnName("app").HasMaxLength(100);
            e.Property(x => x.Form).HasColumnName("form").HasMaxLength(100);
            e.Property(x => x.RecordId).HasColumnName("record_id");
            e.Property(x => x.AuthorId).HasColumnName("author_id");
            e.Property(x => x.Body).HasColumnName("body").HasMaxLength(RecordCommentEntity.MaxLength);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => new { x.RecordId, x.CreatedAt });
        });
    }
}

public sealed class SavedViewEntity
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public required string App { get; set; }
    public required string Form { get; set; }
    public required string Name { get; set; }
    public bool Shared { get; set; }
    /// <summary>The view's <see cref="Lists.ViewState"/> as JSON.</summary>
    public required string State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class RecordCommentEntity
{
    public const int MaxLength = 4000;

    public Guid Id { get; set; }
    public required string App { get; set; }
    public required string Form { get; set; }
    public Guid RecordId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>For <c>dotnet ef migrations add</c> only; never connects.</summary>
internal sealed class DesignTimeStudioDbContextFactory : IDesignTimeDbContextFactory<StudioDbContext>
{
    public StudioDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<StudioDbContext>()
        .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations", StudioDbContext.Schema))
        .Options);
}
