namespace Platform.Core.Expressions;

/// <summary>
/// Functions available to every expression, written in JavaScript so they run under the same limits.
/// Names follow spreadsheet habits (SUM, ROUND, IF) because analysts, not programmers, write formulas.
/// </summary>
internal static class ExpressionLibrary
{
    public const string Source = """
        function __num(v) { var n = Number(v); return isFinite(n) ? n : 0; }
        function __flat(args) {
          var out = [];
          for (var i = 0; i < args.length; i++) {
            var a = args[i];
            if (Array.isArray(a)) { for (var j = 0; j < a.length; j++) out.push(a[j]); } else out.push(a);
          }
          return out;
        }
        function SUM() { return __flat(arguments).reduce(function (s, v) { return s + __num(v); }, 0); }
        function SUMBY(rows, key) { return (rows || []).reduce(function (s, r) { return s + __num(r && r[key]); }, 0); }
        function COUNT() { return __flat(arguments).filter(function (v) { return v !== null && v !== undefined && v !== ''; }).length; }
        function AVG() { var a = __flat(arguments); return a.length ? SUM(a) / a.length : 0; }
        function MIN() { return Math.min.apply(null, __flat(arguments).map(__num)); }
        function MAX() { return Math.max.apply(null, __flat(arguments).map(__num)); }
        function ROUND(v, digits) { var f = Math.pow(10, digits || 0); return Math.round(__num(v) * f) / f; }
        function IF(c, a, b) { return c ? a : b; }
        function ISEMPTY(v) { return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0); }
        function CONCAT() { return __flat(arguments).map(function (v) { return v === null || v === undefined ? '' : String(v); }).join(''); }
        function DAYS(a, b) { return Math.floor((Date.parse(a) - Date.parse(b)) / 86400000); }
        function TODAY() { return new Date().toISOString().substring(0, 10); }
        function NOW() { return new Date().toISOString(); }
        """;
}
