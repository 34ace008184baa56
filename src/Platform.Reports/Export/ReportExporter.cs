using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;
using Platform.Reports.Running;

namespace Platform.Reports.Export;

/// <summary>
/// Writes a result as a table (dimensions, then visible measures; subtotal and total rows last) to .xlsx or CSV.
/// Text that a spreadsheet would run as a formula is prefixed with an apostrophe; numbers stay numbers.
/// </summary>
internal sealed class ReportExporter
{
    public async Task WriteCsvAsync(ReportResult result, Stream output, CancellationToken ct)
    {
        // Excel opens UTF-8 CSV with Chinese text correctly only with a byte order mark.
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), true))
        {
            var (headers, rows) = Table(result);
            await csv.WriteRecordAsync(headers.ToArray(), ct);
            foreach (var row in rows)
                await csv.WriteRecordAsync(row.Select(c => c is decimal d ? d.ToString(CultureInfo.InvariantCulture) : c as string ?? "").ToArray(), ct);
            await csv.FlushAsync(ct);
        }
        await text.FlushAsync(ct);
    }

    public async Task WriteXlsxAsync(ReportResult result, Stream output, CancellationToken ct)
    {
        var (headers, rows) = Table(result);
        var unique = UniqueHeaders(headers);
        var sheet = rows.Select(row =>
        {
            IDictionary<string, object?> record = new Dictionary<string, object?>();
            for (var i = 0; i < unique.Count; i++) record[unique[i]] = row[i];
            return record;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(unique.ToDictionary(h => h, _ => (object?)null));
        await output.SaveAsAsync(sheet, sheetName: SheetName(result.Name), excelType: ExcelType.XLSX, cancellationToken: ct);
    }

    /// <summary>Header labels and rows of cells: text (neutralised) or decimal.</summary>
    internal static (IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows) Table(ReportResult result)
    {
        var measures = result.Measures.Select((m, i) => (m, i)).Where(x => !x.m.Hidden).ToList();
        var headers = result.Dimensions.Select(d => Neutralise(d.Label)).Concat(measures.Select(x => Neutralise(x.m.Label))).ToList();
        var rows = new List<object?[]>();
        foreach (var row in result.Rows.Concat(result.Subtotals).Concat(result.Total is { } t && result.Dimensions.Count > 0 ? [t] : []))
        {
            var cells = new List<object?>();
            for (var d = 0; d < result.Dimensions.Count; d++)
                cells.Add(Neutralise(row.IsRolledUp(d) ? (row.Grouping == (1 << result.Dimensions.Count) - 1 && d == 0 ? "Total / 合计" : "") : row.Cells[d].Label));
            cells.AddRange(measures.Select(x => (object?)row.Values[x.i]));
            rows.Add(cells.ToArray());
        }
        return (headers, rows);
    }

    /// <summary>Spreadsheets run cells starting with = + - @ (and tab or carriage return) as formulas; an apostrophe keeps them text.</summary>
    internal static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static List<string> UniqueHeaders(IReadOnlyList<string> headers)
    {
        var seen = new HashSet<string>();
        return headers.Select((h, i) =>
        {
            var name = string.IsNullOrWhiteSpace(h) ? $"Column {i + 1}" : h;
            var candidate = name;
            for (var n = 2; !seen.Add(candidate); n++) candidate = $"{name} ({n})";
            return candidate;
        }).ToList();
    }

    private static string SheetName(string name)
    {
        var cleaned = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        return cleaned.Length == 0 ? "Report" : cleaned[..Math.Min(31, cleaned.Length)];
    }
}
