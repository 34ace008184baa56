using System.Text;
using MiniExcelLibs;
using Platform.Reports.Definitions;
using Platform.Reports.Export;
using Platform.Reports.Running;

namespace Platform.Reports.Tests.Export;

/// <summary>Exports keep numbers as numbers and never let a cell run as a spreadsheet formula.</summary>
public sealed class ExportTests
{
    private static ReportResult Result() => new()
    {
        App = "crm", Report = "r", Name = "Partners / 伙伴",
        Dimensions = [new ResultDimension("partner", "Partner", "partner", null)],
        Measures = [new ResultMeasure("won", "Won", ValueFormat.Money, 2, false), new ResultMeasure("secret", "Secret", ValueFormat.Number, null, true)],
        Rows =
        [
            new ResultRow([new ResultCell("1", "=HYPERLINK(\"http://x\",\"click\")")], [1234.5m, 1m]),
            new ResultRow([new ResultCell("2", "@SUM(A1)")], [-20m, 2m]),
            new ResultRow([new ResultCell("3", "华东渠道")], [null, 3m]),
        ],
        Total = new ResultRow([new ResultCell(null, "")], [1214.5m, 6m]) { Grouping = 1 },
    };

    [Fact]
    public async Task Csv_neutralises_formulas_keeps_numbers_and_hides_hidden_measures()
    {
        using var stream = new MemoryStream();
        await new ReportExporter().WriteCsvAsync(Result(), stream, default);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.StartsWith("\uFEFF", text);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Partner,Won", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK", lines[1]);
        Assert.EndsWith(",1234.5", lines[1]);
        Assert.Equal("'@SUM(A1),-20", lines[2]);
        Assert.Equal("华东渠道,", lines[3]);
        Assert.Equal("Total / 合计,1214.5", lines[4]);
    }

    [Fact]
    public async Task Xlsx_has_a_header_row_text_cells_neutralised_and_numeric_values()
    {
        using var stream = new MemoryStream();
        await new ReportExporter().WriteXlsxAsync(Result(), stream, default);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("'=HYPERLINK(\"http://x\",\"click\")", rows[0]["Partner"]);
        Assert.Equal(1234.5, Convert.ToDouble(rows[0]["Won"]));
        Assert.Equal(-20, Convert.ToDouble(rows[1]["Won"]));
        Assert.False(rows[0].ContainsKey("Secret"));
    }
}
