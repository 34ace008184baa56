using System.Net.Mail;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>An e-mail address, stored lower-cased in its domain part.</summary>
public sealed class EmailFieldType : TextFieldTypeBase
{
    public override string Name => "email";
    public override string Widget => "email";

    protected override FieldResult Refine(FieldDefinition field, string text)
    {
        if (!MailAddress.TryCreate(text, out var address) || address.Address != text || !address.Host.Contains('.'))
            return FieldResult.Fail(new FieldError(field.Key, "email", $"{field.Label.En} is not a valid e-mail address.", $"{field.Label.Zh}不是有效的电子邮箱地址。"));
        return FieldResult.Of(JsonValue.Create($"{address.User}@{address.Host.ToLowerInvariant()}"));
    }
}
