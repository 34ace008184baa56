using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>The audit log for administrators.</summary>
public sealed class AuditAdministration(AdminScope admin)
{
    public Task<AuditPage> QueryAsync(UserContext actor, AuditQuery query, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IAuditLog>().QueryAsync(query, ct));
}
