using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Core.Expressions;

namespace Platform.Core.Tests.Expressions;

public class ExpressionSandboxTests
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoVariables = new Dictionary<string, JsonNode?>();

    private static JintExpressionSandbox Sandbox(Action<ExpressionSandboxOptions>? tune = null)
    {
        var options = new ExpressionSandboxOptions();
        tune?.Invoke(options);
        return new JintExpressionSandbox(Options.Create(options));
    }

    [Fact]
    public void Formula_over_fields_and_subtable_lines_computes_total()
    {
        var vars = new Dictionary<string, JsonNode?>
        {
            ["discount"] = 0.1,
            ["lines"] = JsonNode.Parse("""[{"qty":2,"price":100},{"qty":1,"price":50.5}]"""),
        };
        var result = Sandbox().Evaluate("ROUND(SUM(lines.map(l => l.qty * l.price)) * (1 - discount), 2)", vars);
        Assert.Equal(225.45, result!.GetValue<double>());
    }

    [Fact]
    public void Condition_uses_javascript_truthiness()
    {
        var vars = new Dictionary<string, JsonNode?> { ["amount"] = 150_000, ["stage"] = "won" };
        Assert.True(Sandbox().EvaluateCondition("amount > 100000 && stage === 'won'", vars));
        Assert.False(Sandbox().EvaluateCondition("amount > 200000", vars));
    }

    [Fact]
    public void Infinite_loop_is_stopped_and_named()
    {
        var e = Assert.Throws<ExpressionException>(() => Sandbox(o => o.Timeout = TimeSpan.FromSeconds(30)).Evaluate("while(true){}", NoVariables));
        Assert.Equal(ExpressionErrorKind.StatementLimit, e.Kind);
        Assert.Contains("while(true){}", e.Message);
    }

    [Fact]
    public void Slow_expression_times_out()
    {
        var sandbox = Sandbox(o => { o.MaxStatements = int.MaxValue; o.Timeout = TimeSpan.FromMilliseconds(200); });
        var e = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("for(;;){}", NoVariables));
        Assert.Equal(ExpressionErrorKind.Timeout, e.Kind);
    }

    [Fact]
    public void Deep_recursion_is_stopped()
    {
        var sandbox = Sandbox(o => o.Timeout = TimeSpan.FromSeconds(60));
        var e = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("function f(n){ return f(n+1); } f(0)", NoVariables));
        Assert.Equal(ExpressionErrorKind.RecursionLimit, e.Kind);
    }

    [Fact]
    public void Huge_allocation_hits_the_memory_limit()
    {
        var sandbox = Sandbox(o => { o.MaxStatements = int.MaxValue; o.Timeout = TimeSpan.FromSeconds(30); });
        var e = Assert.Throws<ExpressionException>(() =>
            sandbox.Evaluate("var a = []; while (true) { a.push(new Array(10000).fill(1)); }", NoVariables));
        Assert.Equal(ExpressionErrorKind.MemoryLimit, e.Kind);
        // The process is unharmed: the next evaluation works.
        Assert.Equal(3, sandbox.Evaluate("1 + 2", NoVariables)!.GetValue<int>());
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("eval('1+1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("this.constructor.constructor('return process')()")]
    public void Reaching_outside_the_sandbox_fails_cleanly(string expression)
    {
        var e = Assert.Throws<ExpressionException>(() => Sandbox().Evaluate(expression, NoVariables));
        Assert.Contains(ExpressionLibraryKinds, k => k == e.Kind);
    }

    private static readonly ExpressionErrorKind[] ExpressionLibraryKinds = [ExpressionErrorKind.Runtime, ExpressionErrorKind.Syntax];

    [Fact]
    public void Syntax_error_names_the_expression_in_both_languages()
    {
        var error = Sandbox().CheckSyntax("amount >");
        Assert.NotNull(error);
        Assert.Equal(ExpressionErrorKind.Syntax, error.Kind);
        Assert.Contains("amount >", error.Message);
        Assert.Contains("语法错误", error.MessageZh);
        Assert.Null(Sandbox().CheckSyntax("amount > 1"));
    }

    [Fact]
    public void Variables_cannot_leak_between_evaluations()
    {
        var sandbox = Sandbox();
        sandbox.Evaluate("globalThis.leak = 42", NoVariables);
        Assert.Null(sandbox.Evaluate("typeof leak === 'undefined' ? null : leak", NoVariables));
    }
}
