using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;

namespace Platform.Reports.Tests.Support;

/// <summary>A slice of the channel CRM: customers, products, opportunities with lines.</summary>
public static class CrmForms
{
    public const string App = "crm";

    public static readonly string[] Stages = ["lead", "qualify", "proposal", "negotiation", "won", "lost"];
    public static readonly string[] Industries = ["it", "mfg", "retail", "finance"];
    public static readonly string[] Tags = ["vip", "new", "key"];

    public static async Task PublishAllAsync(IServiceProvider services)
    {
        var defs = services.GetRequiredService<IFormDefinitions>();
        var parser = services.GetRequiredService<FormDefinitionParser>();
        await defs.SaveAppAsync(new AppInfo(App, new LocalizedText("CRM", "客户管理")), default);
        foreach (var json in new[] { Customers, Products, Opportunities })
        {
            var draft = parser.Parse(json);
            await defs.SaveDraftAsync(draft, UserContext.System, default);
            await defs.PublishAsync(draft.App, draft.Key, UserContext.System, default);
        }
    }

    public const string Customers = """
    {
      "app": "crm", "key": "customers", "name": {"en": "Customers", "zh": "客户"}, "titleField": "name", "partnerField": "partner",
      "fields": [
        {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}, "required": true},
        {"key": "industry", "type": "select", "label": {"en": "Industry", "zh": "行业"},
         "options": [{"key": "it", "label": {"en": "IT", "zh": "信息技术"}}, {"key": "mfg", "label": {"en": "Manufacturing", "zh": "制造"}},
                     {"key": "retail", "label": {"en": "Retail", "zh": "零售"}}, {"key": "finance", "label": {"en": "Finance", "zh": "金融"}}]},
        {"key": "tags", "type": "multiselect", "label": {"en": "Tags", "zh": "标签"},
         "options": [{"key": "vip", "label": "VIP"}, {"key": "new", "label": {"en": "New", "zh": "新客"}}, {"key": "key", "label": {"en": "Key account", "zh": "重点客户"}}]},
        {"key": "address", "type": "address", "label": {"en": "Address", "zh": "地址"}},
        {"key": "revenue", "type": "money", "label": {"en": "Revenue", "zh": "营收"}},
        {"key": "owner", "type": "member", "label": {"en": "Owner", "zh": "负责人"}},
        {"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}}
      ]
    }
    """;

    public const string Products = """
    {
      "app": "crm", "key": "products", "name": {"en": "Products", "zh": "产品"}, "titleField": "name",
      "fields": [
        {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}, "required": true},
        {"key": "category", "type": "select", "label": {"en": "Category", "zh": "类别"},
         "options": [{"key": "hw", "label": {"en": "Hardware", "zh": "硬件"}}, {"key": "sw", "label": {"en": "Software", "zh": "软件"}}, {"key": "svc", "label": {"en": "Services", "zh": "服务"}}]}
      ]
    }
    """;

    public const string Opportunities = """
    {
      "app": "crm", "key": "opportunities", "name": {"en": "Opportunities", "zh": "商机报备"}, "titleField": "name", "partnerField": "partner",
      "fields": [
        {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}, "required": true},
        {"key": "customer", "type": "relation", "label": {"en": "Customer", "zh": "客户"}, "relation": {"form": "customers"}},
        {"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}},
        {"key": "stage", "type": "select", "label": {"en": "Stage", "zh": "阶段"},
         "options": [{"key": "lead", "label": {"en": "Initial contact", "zh": "初步接洽"}}, {"key": "qualify", "label": {"en": "Needs confirmed", "zh": "需求确认"}},
                     {"key": "proposal", "label": {"en": "Proposal", "zh": "方案报价"}}, {"key": "negotiation", "label": {"en": "Negotiation", "zh": "商务谈判"}},
                     {"key": "won", "label": {"en": "Won", "zh": "赢单"}}, {"key": "lost", "label": {"en": "Lost", "zh": "输单"}}]},
        {"key": "amount", "type": "money", "label": {"en": "Amount", "zh": "金额"}},
        {"key": "margin", "type": "money", "label": {"en": "Margin", "zh": "毛利"}},
        {"key": "probability", "type": "percent", "label": {"en": "Probability", "zh": "赢率"}},
        {"key": "close_date", "type": "date", "label": {"en": "Expected close", "zh": "预计成交日期"}},
        {"key": "owner", "type": "member", "label": {"en": "Owner", "zh": "负责人"}},
        {"key": "lines", "type": "subtable", "label": {"en": "Products", "zh": "产品明细"}, "fields": [
          {"key": "product", "type": "relation", "label": {"en": "Product", "zh": "产品"}, "relation": {"form": "products"}},
          {"key": "quantity", "type": "number", "label": {"en": "Quantity", "zh": "数量"}},
          {"key": "price", "type": "money", "label": {"en": "Price", "zh": "单价"}},
          {"key": "total", "type": "money", "label": {"en": "Total", "zh": "小计"}}
        ]}
      ],
      "permissions": [
        {"role": "sales", "actions": ["read", "update"], "scope": "own"},
        {"role": "director", "actions": ["read", "update", "export"], "scope": "all"},
        {"role": "partner_sales", "actions": ["create", "read", "update"], "scope": "partner", "fields": {"margin": "hidden"}}
      ]
    }
    """;
}
