using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;

namespace Platform.Forms.Tests.Support;

/// <summary>Definitions the tests publish: a quote with lines and formulas, a customer with partner scope.</summary>
public static class TestForms
{
    public const string App = "crm";

    public static UserContext User(string name, Guid? department = null, Guid? partner = null, params string[] roles) =>
        new(Guid.NewGuid(), name, name, department, partner, roles.ToHashSet(), false);

    public static async Task<FormDefinition> PublishAsync(IServiceProvider services, string json)
    {
        var defs = services.GetRequiredService<IFormDefinitions>();
        var parser = services.GetRequiredService<FormDefinitionParser>();
        var draft = parser.Parse(json);
        if (await defs.GetAppAsync(draft.App, default) is null)
            await defs.SaveAppAsync(new AppInfo(draft.App, new LocalizedText("CRM", "客户管理")), default);
        await defs.SaveDraftAsync(draft, UserContext.System, default);
        return await defs.PublishAsync(draft.App, draft.Key, UserContext.System, default);
    }

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public const string Customers = """
    {
      "app": "crm", "key": "customers", "name": {"en": "Customers", "zh": "客户"}, "titleField": "name",
      "fields": [
        {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}, "required": true, "maxLength": 100},
        {"key": "code", "type": "text", "label": {"en": "Code", "zh": "编码"}, "unique": true},
        {"key": "industry", "type": "select", "label": {"en": "Industry", "zh": "行业"}, "indexed": true,
         "options": [{"key": "it", "label": {"en": "IT", "zh": "信息技术"}, "color": "#1677ff"}, {"key": "mfg", "label": {"en": "Manufacturing", "zh": "制造"}}]},
        {"key": "tags", "type": "multiselect", "label": {"en": "Tags", "zh": "标签"},
         "options": [{"key": "vip", "label": "VIP"}, {"key": "new", "label": {"en": "New", "zh": "新客"}}]},
        {"key": "revenue", "type": "money", "label": {"en": "Revenue", "zh": "营收"}, "indexed": true, "min": 0},
        {"key": "phone", "type": "phone", "label": {"en": "Phone", "zh": "电话"}},
        {"key": "email", "type": "email", "label": {"en": "E-mail", "zh": "邮箱"}},
        {"key": "address", "type": "address", "label": {"en": "Address", "zh": "地址"}},
        {"key": "since", "type": "date", "label": {"en": "Customer since", "zh": "签约日期"}},
        {"key": "owner", "type": "member", "label": {"en": "Account manager", "zh": "客户经理"}},
        {"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}},
        {"key": "notes", "type": "textarea", "label": {"en": "Notes", "zh": "备注"}},
        {"key": "secret", "type": "text", "label": {"en": "Internal note", "zh": "内部备注"}},
        {"key": "logo", "type": "image", "label": {"en": "Logo", "zh": "标志"}, "maxFileSize": 1024}
      ],
      "partnerField": "partner",
      "permissions": [
        {"role": "sales", "actions": ["create", "read", "update", "export"], "scope": "own"},
        {"role": "director", "actions": ["read", "update", "delete", "export", "import"], "scope": "departmentTree"},
        {"role": "partner_sales", "actions": ["create", "read", "update", "export"], "scope": "partner", "fields": {"secret": "hidden", "code": "readOnly"}}
      ]
    }
    """;

    public const string Quotes = """
    {
      "app": "crm", "key": "quotes", "name": {"en": "Quotes", "zh": "报价"}, "titleField": "number",
      "fields": [
        {"key": "number", "type": "autonumber", "label": {"en": "No.", "zh": "编号"}, "numberPattern": "QT-{yyyy}{MM}-{0000}"},
        {"key": "customer", "type": "relation", "label": {"en": "Customer", "zh": "客户"}, "relation": {"form": "customers"}, "required": true},
        {"key": "discount", "type": "percent", "label": {"en": "Discount", "zh": "折扣"}, "min": 0, "max": 100},
        {"key": "lines", "type": "subtable", "label": {"en": "Lines", "zh": "明细"}, "fields": [
          {"key": "product", "type": "text", "label": {"en": "Product", "zh": "产品"}, "required": true},
          {"key": "qty", "type": "number", "label": {"en": "Quantity", "zh": "数量"}, "precision": 0, "min": 1},
          {"key": "price", "type": "money", "label": {"en": "Price", "zh": "单价"}},
          {"key": "amount", "type": "formula", "label": {"en": "Amount", "zh": "金额"}, "expression": "qty * price"}
        ]},
        {"key": "total", "type": "formula", "label": {"en": "Total", "zh": "总额"}, "expression": "ROUND(SUMBY(lines, 'amount') * (1 - (discount || 0) / 100), 2)"},
        {"key": "valid_from", "type": "date", "label": {"en": "Valid from", "zh": "生效日期"}},
        {"key": "valid_to", "type": "date", "label": {"en": "Valid to", "zh": "失效日期"}},
        {"key": "stage", "type": "select", "label": {"en": "Stage", "zh": "阶段"}, "options": [{"key": "draft", "label": "Draft"}, {"key": "won", "label": "Won"}]},
        {"key": "won_reason", "type": "text", "label": {"en": "Why we won", "zh": "赢单原因"}}
      ],
      "rules": [
        {"kind": "validate", "when": "!valid_to || !valid_from || valid_to >= valid_from", "fields": ["valid_to"],
         "message": {"en": "Valid to must not be before valid from.", "zh": "失效日期不能早于生效日期。"}},
        {"kind": "require", "when": "stage === 'won'", "fields": ["won_reason"]}
      ]
    }
    """;
}
