using System.Text.Json.Nodes;

namespace Platform.Core.Expressions;

/// <summary>
/// Evaluates user-written JavaScript expressions (formulas, conditions, approver rules) in a sandbox:
/// no CLR access, bounded time, memory, statements and recursion.
/// </summary>
public interface IExpressionSandbox
{
    /// <summary>Evaluates <paramref name="expression"/> with <paramref name="variables"/> as globals; the result as JSON.</summary>
    /// <exception cref="ExpressionException">Syntax error, limit exceeded or runtime error; names the expression.</exception>
    JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct = default);

    /// <summary>Evaluates and converts the result to a boolean the JavaScript way (truthy/falsy).</summary>
    bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct = default);

    /// <summary>Parses without running; null when the expression is valid, otherwise the syntax error.</summary>
    ExpressionException? CheckSyntax(string expression);
}
