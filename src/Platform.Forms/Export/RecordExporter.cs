using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;

namespace Platform.Forms.Export;

/// <summary>
/// Exports the rows a user may see (export right, read scope, visible fields only) with values formatted for people:
/// option labels, region names, formatted money and dates. Numbers go to .xlsx as numbers; every text cell is
/// neutralised against formula injection.
/// </summary>
internal sealed class RecordExporter(IFormDefinitions definitions, IRecordPermissions permissions, RecordQueries queries, FieldTypeRegistry types)
{
    private const int PageSize = 500;

    /// <summary>False when the form is unknown or the user has no export right (nothing is written then).</summary>
    public async Task<bool> ExportAsync(UserContext user, string app, string form, RecordQuery query, ExportFormat format, string culture, Stream output, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return false;
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Export)) return false;
        var ci = CultureInfo.GetCultureInfo(culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en-US");
        var fields = definition.Fields.Where(f => access.IsVisible(f.Key)).ToList();
        var headers = fields.Select(f => f.Label.For(ci.Name)).Append(ci.Name == "zh-CN" ? "创建时间" : "Created at").ToList();
        var rows = Rows(user, definition, query, fields, ci, ct);
        if (format == ExportFormat.Csv) await WriteCsvAsync(headers, rows, output, ct);
        else await WriteXlsxAsync(headers, rows, output, ct);
        return true;
    }

    private async IAsyncEnumerable<object?[]> Rows(UserContext user, FormDefinition definition, RecordQuery query, List<FieldDefinition> fields,
        CultureInfo ci, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var page = query with { PageSize = PageSize, Page = 1, After = null, IncludeTotal = false };
        while (true)
        {
            var result = await queries.ListAsync(user, definition, page, FormAction.Export, ct);
            foreach (var record in result.Items)
            {
                var cells = new object?[fields.Count + 1];
                for (var i = 0; i < fields.Count; i++) cells[i] = Cell(fields[i], record.Data[fields[i].Key], ci);
                cells[^1] = record.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                yield return cells;
            }
            if (result.NextCursor is null) break;
            page = page with { After = result.NextCursor };
        }
    }

    private object? Cell(FieldDefinition field, System.Text.Json.Nodes.JsonNode? value, CultureInfo ci)
    {
        var type = types.Get(field.Type);
        if (type.SqlKind(field) == SqlValueKind.Numeric && field.Type != "money" && FieldInput.TryDecimal(value, out var number)) return number;
        if (field.Type == "subtable" && value is System.Text.Json.Nodes.JsonArray lines)
            return CellText.Safe(ci.Name == "zh-CN" ? $"{lines.Count} 行" : $"{lines.Count} lines");
        if (type is FileFieldTypeBase && value is System.Text.Json.Nodes.JsonArray files)
            return CellText.Safe(string.Join(", ", files.Select(f => f?["name"]?.GetValue<string>())));
        return CellText.Safe(type.Format(field, value, ci));
    }

    private static async Task WriteCsvAsync(List<string> headers, IAsyncEnumerable<object?[]> rows, Stream output, CancellationToken ct)
    {
        // A BOM makes Excel read the UTF-8 (Chinese) text correctly.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var csv = CsvHelper.CsvWriter.Create(writer, CsvHelper.CsvWriterOptions.Default, leaveOpen: true);
        await using (csv)
        {
            foreach (var h in headers) csv.WriteField(CellText.Safe(h));
            await csv.EndRecordAsync(ct);
            await foreach (var row in rows.WithCancellation(ct))
            {
                foreach (var cell in row) csv.WriteField(cell is decimal d ? d.ToString(CultureInfo.InvariantCulture) : cell?.ToString() ?? "");
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
        }
    }

    private static async Task WriteXlsxAsync(List<string> headers, IAsyncEnumerable<object?[]> rows, Stream output, CancellationToken ct)
    {
        var table = new List<Dictionary<string, object?>>();
        var names = headers.Select((h, i) => headers.Take(i).Contains(h) ? $"{h} ({i + 1})" : CellText.Safe(h)).ToList();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var dict = new Dictionary<string, object?>(names.Count);
            for (var i = 0; i < names.Count; i++) dict[names[i]] = row[i];
            table.Add(dict);
        }
        if (table.Count == 0) table.Add(names.ToDictionary(n => n, _ => (object?)null));
        await MiniExcel.SaveAsAsync(output, table, cancellationToken: ct);
    }
}
