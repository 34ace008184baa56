namespace Platform.Studio.Localization;

/// <summary>The shell's strings: key → (中文, English).</summary>
internal static class StudioTexts
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string, string)>
    {
        ["app.title"] = ("低代码业务平台", "LowCode Platform"),
        ["nav.home"] = ("首页", "Home"),
        ["nav.menu"] = ("菜单", "Menu"),
        ["nav.apps"] = ("应用", "Apps"),
        ["user.signout"] = ("退出登录", "Sign out"),
        ["user.language"] = ("语言", "Language"),
        ["signin.title"] = ("登录", "Sign in"),
        ["signin.subtitle"] = ("使用您的邮箱和密码登录", "Use your e-mail and password"),
        ["signin.email"] = ("邮箱或用户名", "E-mail or user name"),
        ["signin.password"] = ("密码", "Password"),
        ["signin.submit"] = ("登录", "Sign in"),
        ["signin.error.invalid"] = ("邮箱或密码错误，请重试。", "The e-mail or password is wrong. Please try again."),
        ["signin.error.locked"] = ("登录失败次数过多，账户已锁定 15 分钟。", "Too many failed attempts; the account is locked for 15 minutes."),
        ["signin.error.disabled"] = ("该账户已停用，请联系管理员。", "This account is disabled. Please contact an administrator."),
        ["home.welcome"] = ("欢迎，{0}", "Welcome, {0}"),
        ["home.apps"] = ("我的应用", "My apps"),
        ["home.noapps"] = ("还没有应用。管理员可以安装模板（例如渠道客户管理）来创建第一个应用。",
            "No apps yet. An administrator can install a template (for example the channel CRM) to create the first one."),
        ["home.records"] = ("{0} 个表单", "{0} forms"),
        ["notfound.title"] = ("页面不存在", "Page not found"),
        ["notfound.back"] = ("返回首页", "Back to home"),
        ["error.reload"] = ("出现错误，请刷新页面。", "Something went wrong. Please reload."),
    };
}
