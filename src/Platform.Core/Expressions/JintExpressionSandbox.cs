using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace Platform.Core.Expressions;

/// <summary>Jint-backed sandbox: a fresh engine per evaluation, prepared scripts shared across evaluations.</summary>
internal sealed class JintExpressionSandbox(IOptions<ExpressionSandboxOptions> options) : IExpressionSandbox
{
    private readonly ExpressionSandboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Prepared<Script>> _cache = new(StringComparer.Ordinal);
    private static readonly Prepared<Script> Library = Engine.PrepareScript(ExpressionLibrary.Source, "library");

    public JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct = default)
    {
        var (engine, value) = Run(expression, variables, ct);
        return ToJson(engine, value);
    }

    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct = default) =>
        TypeConverter.ToBoolean(Run(expression, variables, ct).Value);

    public ExpressionException? CheckSyntax(string expression)
    {
        try
        {
            Prepare(expression);
            return null;
        }
        catch (ExpressionException e)
        {
            return e;
        }
    }

    private (Engine Engine, JsValue Value) Run(string expression, IReadOnlyDictionary<string, JsonNode?> variables, CancellationToken ct)
    {
        var script = Prepare(expression);
        var engine = CreateEngine(ct);
        try
        {
            engine.Execute(Library);
            var parser = new JsonParser(engine);
            foreach (var (name, value) in variables)
                engine.SetValue(name, value is null ? JsValue.Null : parser.Parse(value.ToJsonString()));
            return (engine, engine.Evaluate(script));
        }
        catch (Exception e) when (Classify(e) is { } kind)
        {
            throw new ExpressionException(expression, kind, e.Message, e);
        }
    }

    private Prepared<Script> Prepare(string expression)
    {
        if (_cache.TryGetValue(expression, out var cached)) return cached;
        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(expression, "expression", strict: true);
        }
        catch (ScriptPreparationException e)
        {
            throw new ExpressionException(expression, ExpressionErrorKind.Syntax, e.InnerException?.Message ?? e.Message, e);
        }
        if (_cache.Count >= _options.CacheSize) _cache.Clear();
        return _cache.GetOrAdd(expression, prepared);
    }

    private Engine CreateEngine(CancellationToken ct) => new(o =>
    {
        o.Strict();
        o.TimeoutInterval(_options.Timeout);
        o.LimitMemory(_options.MemoryLimitBytes);
        o.MaxStatements(_options.MaxStatements);
        o.LimitRecursion(_options.MaxRecursionDepth);
        o.DisableStringCompilation();
        o.CancellationToken(ct);
        o.Culture = System.Globalization.CultureInfo.InvariantCulture;
        o.TimeZone = TimeZoneInfo.Utc;
    });

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value is Jint.Native.Function.Function) return null;
        var text = new JsonSerializer(engine).Serialize(value);
        return text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
    }

    private static ExpressionErrorKind? Classify(Exception e) => e switch
    {
        TimeoutException => ExpressionErrorKind.Timeout,
        ExecutionCanceledException => ExpressionErrorKind.Timeout,
        StatementsCountOverflowException => ExpressionErrorKind.StatementLimit,
        MemoryLimitExceededException => ExpressionErrorKind.MemoryLimit,
        RecursionDepthOverflowException => ExpressionErrorKind.RecursionLimit,
        JavaScriptException { Error: var err } when err.ToString().StartsWith("SyntaxError", StringComparison.Ordinal)
            => ExpressionErrorKind.Syntax,
        JavaScriptException => ExpressionErrorKind.Runtime,
        JintException => ExpressionErrorKind.Runtime,
        InvalidOperationException or ArgumentException or OverflowException => ExpressionErrorKind.Runtime,
        _ => null,
    };
}
