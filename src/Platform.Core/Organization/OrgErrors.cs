using Microsoft.AspNetCore.Identity;

namespace Platform.Core.Organization;

/// <summary>The refusals of <see cref="IOrganizationAdmin"/>, each in English and Chinese.</summary>
internal static class OrgErrors
{
    public static OrganizationException DepartmentMissing(Guid id) =>
        new("department.missing", $"Department {id} does not exist.", $"部门 {id} 不存在。");

    public static OrganizationException DepartmentName() =>
        new("department.name", "A department needs a name (at most 200 characters).", "部门名称不能为空（最多 200 个字符）。");

    public static OrganizationException DepartmentCycle(string name) =>
        new("department.cycle", $"Department '{name}' cannot be moved under itself or one of its sub-departments.",
            $"部门“{name}”不能移动到它自己或它的下级部门之下。");

    public static OrganizationException DepartmentNotEmpty(string name) =>
        new("department.not_empty", $"Department '{name}' still has sub-departments or users.",
            $"部门“{name}”下仍有下级部门或用户。");

    public static OrganizationException UserMissing(Guid id) =>
        new("user.missing", $"User {id} does not exist.", $"用户 {id} 不存在。");

    public static OrganizationException ManagerSelf() =>
        new("user.manager_self", "A user cannot be their own manager.", "用户不能是自己的上级。");

    public static OrganizationException ManagerCycle(string name) =>
        new("user.manager_cycle", $"'{name}' already reports to this user, directly or indirectly.",
            $"“{name}”已经直接或间接向该用户汇报，不能互为上级。");

    public static OrganizationException PartnerMissing(Guid id) =>
        new("partner.missing", $"Partner {id} does not exist.", $"合作伙伴 {id} 不存在。");

    public static OrganizationException PartnerConflict(string user, string partner) =>
        new("partner.conflict", $"'{user}' already belongs to partner '{partner}'; a user belongs to exactly one partner.",
            $"“{user}”已属于合作伙伴“{partner}”，一个用户只能属于一个合作伙伴。");

    public static OrganizationException PartnerCodeTaken(string code) =>
        new("partner.code_taken", $"Partner code '{code}' is already used.", $"合作伙伴编码“{code}”已被使用。");

    public static OrganizationException PartnerInvalid() =>
        new("partner.invalid", "A partner needs a name and a code (letters, digits, '-' or '_').",
            "合作伙伴需要名称和编码（字母、数字、“-”或“_”）。");

    public static OrganizationException RoleMissing(string role) =>
        new("role.missing", $"Role '{role}' does not exist.", $"角色“{role}”不存在。");

    public static OrganizationException RoleInvalid() =>
        new("role.invalid", "A role name uses letters, digits, '-' or '_' (at most 64).",
            "角色名称只能包含字母、数字、“-”或“_”（最多 64 个字符）。");

    public static OrganizationException LastAdministrator() =>
        new("user.last_admin", "This is the last active administrator; make someone else an administrator first.",
            "这是最后一位有效的管理员，请先将其他人设为管理员。");

    /// <summary>Turns ASP.NET Core Identity's errors (password rules, duplicate e-mail …) into one refusal.</summary>
    public static OrganizationException FromIdentity(IdentityResult result)
    {
        var en = string.Join(" ", result.Errors.Select(e => e.Description));
        var zh = string.Join("；", result.Errors.Select(e => IdentityErrorsZh.Translate(e)));
        return new OrganizationException("identity." + (result.Errors.FirstOrDefault()?.Code ?? "error"), en, zh);
    }
}
