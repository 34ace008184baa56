using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

/// <summary>
/// Users, roles, departments, partners and API tokens in the <c>identity</c> schema.
/// Tables and columns are snake_case so other engines can join to them in plain SQL.
/// </summary>
internal sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<PlatformUser, PlatformRole, Guid>(options)
{
    public const string Schema = "identity";

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);

        builder.Entity<PlatformUser>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasIndex(x => x.DepartmentId);
            u.HasIndex(x => x.ManagerId);
            u.HasIndex(x => x.PartnerId);
            u.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.SetNull);
            u.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.SetNull);
            u.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PlatformRole>(r =>
        {
            r.ToTable("roles");
            r.Property(x => x.DisplayName).HasMaxLength(200);
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.Entity<Department>(d =>
        {
            d.ToTable("departments");
            d.Property(x => x.Name).HasMaxLength(200);
            d.HasIndex(x => x.ParentId);
            d.HasOne<Department>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.ManagerId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Partner>(p =>
        {
            p.ToTable("partners");
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Code).HasMaxLength(64);
            p.HasIndex(x => x.Code).IsUnique();
            p.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.ManagerUserId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<ApiToken>(t =>
        {
            t.ToTable("api_tokens");
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Prefix).HasMaxLength(16);
            t.HasIndex(x => x.SecretHash).IsUnique();
            t.HasIndex(x => x.UserId);
            t.HasOne<PlatformUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(a =>
        {
            // No foreign key to users: the log outlives the accounts it mentions.
            a.ToTable("audit_log");
            a.Property(x => x.ActorName).HasMaxLength(200);
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.Target).HasMaxLength(500);
            a.Property(x => x.Details).HasMaxLength(4000);
            a.HasIndex(x => x.OccurredAt);
            a.HasIndex(x => new { x.Action, x.OccurredAt });
            a.HasIndex(x => x.ActorId);
        });

        foreach (var entity in builder.Model.GetEntityTypes()) UseSnakeCase(entity);
    }

    private static void UseSnakeCase(IMutableEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        foreach (var property in entity.GetProperties())
            property.SetColumnName(SnakeCase(property.GetColumnName(table) ?? property.Name));
        foreach (var key in entity.GetKeys())
            key.SetName(SnakeCase(key.GetName()!));
        foreach (var fk in entity.GetForeignKeys())
            fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
        foreach (var index in entity.GetIndexes())
            index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var boundary = i > 0 && name[i - 1] != '_' &&
                    (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
