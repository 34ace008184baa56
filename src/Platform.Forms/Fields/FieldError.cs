namespace Platform.Forms.Fields;

/// <summary>A problem with one field's value, in English and Chinese; <see cref="Field"/> is a path such as <c>lines[2].qty</c>.</summary>
public sealed record FieldError(string Field, string Code, string En, string Zh)
{
    public FieldError At(string parent) => this with { Field = Field.Length == 0 ? parent : $"{parent}.{Field}" };
}

/// <summary>The messages of the built-in checks, so every type words them the same way.</summary>
internal static class FieldErrors
{
    public static FieldError Required(string field, string label, string labelZh) =>
        new(field, "required", $"{label} is required.", $"{labelZh}为必填项。");
    public static FieldError WrongType(string field, string label, string labelZh, string expected, string expectedZh) =>
        new(field, "type", $"{label} must be {expected}.", $"{labelZh}必须是{expectedZh}。");
    public static FieldError TooShort(string field, string label, string labelZh, int min) =>
        new(field, "minLength", $"{label} must have at least {min} characters.", $"{labelZh}至少需要 {min} 个字符。");
    public static FieldError TooLong(string field, string label, string labelZh, int max) =>
        new(field, "maxLength", $"{label} must have at most {max} characters.", $"{labelZh}最多 {max} 个字符。");
    public static FieldError BelowMin(string field, string label, string labelZh, decimal min) =>
        new(field, "min", $"{label} must be at least {min}.", $"{labelZh}不能小于 {min}。");
    public static FieldError AboveMax(string field, string label, string labelZh, decimal max) =>
        new(field, "max", $"{label} must be at most {max}.", $"{labelZh}不能大于 {max}。");
    public static FieldError Pattern(string field, string label, string labelZh) =>
        new(field, "pattern", $"{label} has an invalid format.", $"{labelZh}格式不正确。");
    public static FieldError UnknownOption(string field, string label, string labelZh, string option) =>
        new(field, "option", $"{label}: '{option}' is not one of the options.", $"{labelZh}：“{option}”不是可选项。");
    public static FieldError Unique(string field, string label, string labelZh) =>
        new(field, "unique", $"{label} must be unique; another record already has this value.", $"{labelZh}不能重复，已有记录使用了该值。");
    public static FieldError ReadOnly(string field, string label, string labelZh) =>
        new(field, "readOnly", $"{label} cannot be changed.", $"{labelZh}不可修改。");
    public static FieldError Unknown(string field) =>
        new(field, "unknownField", $"'{field}' is not a field of this form.", $"“{field}”不是此表单的字段。");
}
