namespace Platform.Forms.Queries;

/// <summary>A query names an unknown field, an operator the field's type does not support, or a malformed value.</summary>
public sealed class QueryException(string field, string en, string zh) : Exception(en)
{
    public string Field { get; } = field;
    public string MessageZh { get; } = zh;
}
