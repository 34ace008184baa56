using Microsoft.AspNetCore.Identity;

namespace Platform.Core.Organization;

/// <summary>Chinese wording of the ASP.NET Core Identity errors users meet when accounts are created or changed.</summary>
internal static class IdentityErrorsZh
{
    public static string Translate(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) => "该邮箱已被使用。",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "该用户名已被使用。",
        nameof(IdentityErrorDescriber.InvalidEmail) => "邮箱格式不正确。",
        nameof(IdentityErrorDescriber.InvalidUserName) => "用户名只能包含字母、数字和 -._@+。",
        nameof(IdentityErrorDescriber.PasswordTooShort) => "密码太短（至少 8 个字符）。",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码必须包含数字。",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码必须包含小写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码必须包含大写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码必须包含符号。",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "密码包含的不同字符太少。",
        nameof(IdentityErrorDescriber.DuplicateRoleName) => "该角色已存在。",
        nameof(IdentityErrorDescriber.UserAlreadyInRole) => "用户已拥有该角色。",
        _ => error.Description,
    };
}
