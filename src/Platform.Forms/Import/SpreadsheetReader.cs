using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Platform.Forms.Import;

/// <summary>Reads .xlsx (MiniExcel) and CSV (CsvHelper) into a header row and string cells.</summary>
internal static class SpreadsheetReader
{
    public static (IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows) Read(byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content);
        return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(stream) : ReadXlsx(stream);
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string?[]>) ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(text, CsvReaderOptions.Default, leaveOpen: false);
        csv.ReadHeader();
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        var rows = new List<string?[]>();
        while (csv.Read())
        {
            var cells = headers.Select((_, i) => i < csv.FieldCount ? csv.GetStringOrNull(i) : null).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(cells);
        }
        return (headers, rows);
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string?[]>) ReadXlsx(Stream stream)
    {
        var rows = new List<string?[]>();
        List<string>? headers = null;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            var cells = row.Values.Select(Text).ToArray();
            if (headers is null) { headers = cells.Select(c => c?.Trim() ?? "").ToList(); continue; }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(cells.Take(headers.Count).Concat(Enumerable.Repeat<string?>(null, Math.Max(0, headers.Count - cells.Length))).ToArray());
        }
        return (headers ?? [], rows);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
