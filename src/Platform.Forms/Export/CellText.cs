namespace Platform.Forms.Export;

/// <summary>Neutralises text a spreadsheet would run as a formula (CSV/formula injection) with a leading apostrophe.</summary>
public static class CellText
{
    public static string Safe(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
