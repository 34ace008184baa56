namespace Platform.Core.Expressions;

/// <summary>Why an expression could not be evaluated.</summary>
public enum ExpressionErrorKind
{
    Syntax,
    Timeout,
    StatementLimit,
    MemoryLimit,
    RecursionLimit,
    Runtime,
}

/// <summary>An expression failed; the message names the expression and the cause in en and zh-CN.</summary>
public sealed class ExpressionException(string expression, ExpressionErrorKind kind, string detail, Exception? inner = null)
    : Exception(Describe(expression, kind, detail), inner)
{
    public string Expression { get; } = expression;
    public ExpressionErrorKind Kind { get; } = kind;
    public string Detail { get; } = detail;

    /// <summary>The same message in Chinese for the Studio.</summary>
    public string MessageZh => $"表达式 `{Shorten(Expression)}` {KindZh(Kind)}：{Detail}";

    private static string Describe(string expression, ExpressionErrorKind kind, string detail) =>
        $"Expression `{Shorten(expression)}` {KindEn(kind)}: {detail}";

    private static string KindEn(ExpressionErrorKind kind) => kind switch
    {
        ExpressionErrorKind.Syntax => "has a syntax error",
        ExpressionErrorKind.Timeout => "ran out of time",
        ExpressionErrorKind.StatementLimit => "ran too many statements (runaway loop?)",
        ExpressionErrorKind.MemoryLimit => "used too much memory",
        ExpressionErrorKind.RecursionLimit => "recursed too deeply",
        _ => "failed",
    };

    private static string KindZh(ExpressionErrorKind kind) => kind switch
    {
        ExpressionErrorKind.Syntax => "语法错误",
        ExpressionErrorKind.Timeout => "执行超时",
        ExpressionErrorKind.StatementLimit => "执行语句过多（可能是死循环）",
        ExpressionErrorKind.MemoryLimit => "占用内存过多",
        ExpressionErrorKind.RecursionLimit => "递归过深",
        _ => "执行失败",
    };

    private static string Shorten(string expression) =>
        expression.Length <= 80 ? expression : expression[..77] + "...";
}
