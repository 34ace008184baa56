using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Fields;

public class FieldTypeTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddPlatformTestDatabase().AddForms().BuildServiceProvider();
    private static readonly FieldTypeRegistry Types = Services.GetRequiredService<FieldTypeRegistry>();
    private static readonly FieldContext Context = new(UserContext.System, new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static FieldResult Normalize(string type, JsonNode? input, Func<FieldDefinition, FieldDefinition>? tune = null)
    {
        var field = new FieldDefinition { Key = "f", Type = type, Label = new LocalizedText("Field", "字段") };
        return Types.Get(type).Normalize(tune?.Invoke(field) ?? field, input, Context);
    }

    [Fact]
    public void Every_type_the_issue_lists_is_registered()
    {
        string[] expected = ["text", "textarea", "richtext", "number", "money", "percent", "date", "datetime", "select", "multiselect", "checkbox",
            "phone", "email", "url", "address", "member", "department", "partner", "relation", "subtable", "attachment", "image", "autonumber", "formula"];
        Assert.Empty(expected.Except(Types.Names));
    }

    [Fact]
    public void Unparseable_phone_keeps_what_was_typed()
    {
        var value = Normalize("phone", JsonValue.Create("ext. 12 (ask for Li)")).Value!;
        Assert.Null(value["e164"]);
        Assert.Equal("ext. 12 (ask for Li)", value["raw"]!.GetValue<string>());
        Assert.Equal("+442079460958", Normalize("phone", JsonValue.Create("020 7946 0958"), f => f with { Region = "GB" }).Value!["e164"]!.GetValue<string>());
    }

    [Fact]
    public void Rich_text_loses_scripts_but_keeps_formatting()
    {
        var html = Normalize("richtext", JsonValue.Create("<p onclick=\"x()\">Hi <b>there</b><script>alert(1)</script></p>")).Value!.GetValue<string>();
        Assert.Equal("<p>Hi <b>there</b></p>", html);
    }

    [Fact]
    public void Address_codes_must_belong_to_their_parent_region()
    {
        var ok = Normalize("address", JsonNode.Parse("""{"province": "广东", "city": "440300", "district": "南山区", "detail": "A座"}""")).Value!;
        Assert.Equal(("440000", "440300", "440305"), (ok["province"]!.GetValue<string>(), ok["city"]!.GetValue<string>(), ok["district"]!.GetValue<string>()));
        var mismatch = Normalize("address", JsonNode.Parse("""{"province": "110000", "city": "440300"}"""));
        Assert.Contains("440300", mismatch.Errors.Single().En);
        var beijing = Normalize("address", JsonValue.Create("北京市海淀区中关村大街1号")).Value!;
        Assert.Equal(("110100", "110108", "中关村大街1号"), (beijing["city"]!.GetValue<string>(), beijing["district"]!.GetValue<string>(), beijing["detail"]!.GetValue<string>()));
        // A district of a city whose districts we do not ship is accepted by its prefix.
        Assert.True(Normalize("address", JsonNode.Parse("""{"province": "420000", "city": "420100", "district": "420106"}""")).Ok);
    }

    [Fact]
    public void Region_table_has_every_province_and_prefecture_city()
    {
        var regions = Services.GetRequiredService<RegionTable>();
        Assert.Equal(34, regions.Provinces.Count());
        Assert.Equal(21, regions.Children("440000").Count());
        Assert.True(regions.Count > 400);
    }

    [Theory]
    [InlineData("ORD-{yyyy}{MM}-{0000}", 7, "ORD-202603-0007")]
    [InlineData("{yy}{dd}{000000}", 12345, "2618012345")]
    public void Autonumber_patterns_render_date_parts_and_padded_sequence(string pattern, long n, string expected) =>
        Assert.Equal(expected, AutoNumberFieldType.Render(pattern, new DateTime(2026, 3, 18), n));

    [Fact]
    public void Datetime_without_offset_is_local_time_and_stored_as_utc()
    {
        Assert.Equal("2026-03-18T01:30:00.000Z", Normalize("datetime", JsonValue.Create("2026-03-18 09:30")).Value!.GetValue<string>());
        Assert.Equal("2026-03-18T09:30:00.000Z", Normalize("datetime", JsonValue.Create("2026-03-18T09:30:00Z")).Value!.GetValue<string>());
    }

    [Fact]
    public void Text_pattern_and_length_errors_name_the_field_in_both_languages()
    {
        var result = Normalize("text", JsonValue.Create("ab"), f => f with { MinLength = 3, Pattern = "^[0-9]+$" });
        Assert.Equal(["minLength", "pattern"], result.Errors.Select(e => e.Code));
        Assert.All(result.Errors, e => Assert.Contains("字段", e.Zh));
    }
}
