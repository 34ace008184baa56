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
        ["nav.tokens"] = ("API 令牌", "API tokens"),
        ["tokens.title"] = ("我的 API 令牌", "My API tokens"),
        ["tokens.help"] = ("脚本和集成使用令牌调用 REST API：请求头 Authorization: Bearer plt_…。令牌只显示一次。",
            "Scripts and integrations call the REST API with a token: header Authorization: Bearer plt_…. A token is shown only once."),
        ["tokens.name"] = ("名称", "Name"),
        ["tokens.prefix"] = ("令牌", "Token"),
        ["tokens.expires"] = ("到期", "Expires"),
        ["tokens.never"] = ("永不", "Never"),
        ["tokens.state"] = ("状态", "State"),
        ["tokens.state.active"] = ("有效", "Active"),
        ["tokens.state.expired"] = ("已过期", "Expired"),
        ["tokens.state.revoked"] = ("已撤销", "Revoked"),
        ["tokens.revoke"] = ("撤销", "Revoke"),
        ["tokens.lifetime"] = ("有效期", "Valid for"),
        ["tokens.days"] = ("{0} 天", "{0} days"),
        ["tokens.create"] = ("创建令牌", "Create token"),
        ["tokens.shown_once"] = ("请立即复制，此令牌不会再次显示：", "Copy it now, it will not be shown again:"),
        ["tokens.none"] = ("还没有令牌。", "No tokens yet."),
        ["notfound.title"] = ("页面不存在", "Page not found"),
        ["notfound.back"] = ("返回首页", "Back to home"),
        ["error.reload"] = ("出现错误，请刷新页面。", "Something went wrong. Please reload."),
    };
}
