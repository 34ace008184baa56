using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>
/// Who may use the admin pages and endpoints: holders of the administrator role. Pages and endpoints check the
/// policy on the principal; the services check the fresh <see cref="UserContext"/> again, so a role removed a
/// moment ago stops working even in a live circuit.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "administrators";

    public static UserContext Require(UserContext actor) =>
        actor.IsAdministrator && !actor.IsSystem
            ? actor
            : throw new UnauthorizedAccessException("Only administrators may do this. / 只有管理员可以执行此操作。");
}
