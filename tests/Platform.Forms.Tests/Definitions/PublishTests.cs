using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Definitions;

public class PublishTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private const string V1 = """
        {"app": "crm", "key": "leads", "name": "Leads", "fields": [
          {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}},
          {"key": "source", "type": "select", "label": "Source", "options": [{"key": "web", "label": "Web"}]},
          {"key": "email", "type": "email", "label": "E-mail"}
        ]}
        """;

    [Fact]
    public async Task Removing_a_field_retires_it_and_keeps_its_values_through_later_updates()
    {
        await TestForms.PublishAsync(db.Services, V1);
        var store = db.Services.GetRequiredService<IRecordStore>();
        var created = Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(UserContext.System, "crm", "leads",
            TestForms.Obj("""{"name": "Lead", "source": "web", "email": "a@b.cn"}"""), default)).Record;

        var v2 = await TestForms.PublishAsync(db.Services, V1.Replace("""{"key": "email", "type": "email", "label": "E-mail"}""",
            """{"key": "score", "type": "number", "label": "Score"}""").Replace("\"label\": \"Source\"", "\"label\": \"Lead source\""));
        Assert.Equal(2, v2.Version);
        Assert.Contains(v2.Retired!, f => f.Key == "email");

        var updated = Assert.IsType<RecordWriteResult.Saved>(await store.UpdateAsync(UserContext.System, "crm", "leads", created.Id,
            TestForms.Obj("""{"name": "Lead 2", "source": "web", "score": 3}"""), 1, partial: false, default)).Record;
        Assert.Equal("a@b.cn", updated.Data["email"]!.GetValue<string>());
        Assert.Equal("web", updated.Data["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_a_published_fields_type_is_refused()
    {
        await TestForms.PublishAsync(db.Services, V1.Replace("\"leads\"", "\"leads2\""));
        var e = await Assert.ThrowsAsync<DefinitionException>(() => TestForms.PublishAsync(db.Services,
            V1.Replace("\"leads\"", "\"leads2\"").Replace("\"type\": \"email\"", "\"type\": \"number\"")));
        Assert.Contains("email", e.Message);
    }

    [Fact]
    public async Task Making_a_field_unique_over_duplicate_data_fails_the_publish_and_leaves_no_index()
    {
        var json = V1.Replace("\"leads\"", "\"leads3\"");
        await TestForms.PublishAsync(db.Services, json);
        var store = db.Services.GetRequiredService<IRecordStore>();
        for (var i = 0; i < 2; i++)
            Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(UserContext.System, "crm", "leads3", TestForms.Obj("""{"name": "Twin"}"""), default));
        var e = await Assert.ThrowsAsync<DefinitionException>(() => TestForms.PublishAsync(db.Services,
            json.Replace("""{"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}}""", """{"key": "name", "type": "text", "label": "Name", "unique": true}""")));
        Assert.Contains("name", e.Message);
        var defs = db.Services.GetRequiredService<IFormDefinitions>();
        Assert.Equal(1, (await defs.GetPublishedAsync("crm", "leads3", default))!.Version);
    }

    [Fact]
    public void Definition_errors_are_all_listed_at_once()
    {
        var parser = db.Services.GetRequiredService<FormDefinitionParser>();
        var e = Assert.Throws<DefinitionException>(() => parser.Parse("""
            {"app": "crm", "key": "Bad-Key", "name": "x", "titleField": "nope", "fields": [
              {"key": "a", "type": "select", "label": "A"},
              {"key": "a", "type": "formula", "label": "B", "expression": "1 +"},
              {"key": "c", "type": "teleport", "label": "C"}
            ]}
            """));
        Assert.True(e.Errors.Count >= 5, string.Join("\n", e.Errors));
    }

    [Fact]
    public async Task Indexes_follow_the_indexed_and_unique_flags_across_publishes()
    {
        var json = V1.Replace("\"leads\"", "\"leads4\"");
        var indexed = json.Replace("""{"key": "email", "type": "email", "label": "E-mail"}""", """{"key": "email", "type": "email", "label": "E-mail", "unique": true, "indexed": true}""");
        await TestForms.PublishAsync(db.Services, indexed);
        var unique = RecordIndexManager.IndexName("crm", "leads4", "email", RecordIndexManager.UniqueKind);
        var plain = RecordIndexManager.IndexName("crm", "leads4", "email", "index");
        Assert.Equal(2, await CountIndexesAsync(unique, plain));
        await TestForms.PublishAsync(db.Services, json);
        Assert.Equal(0, await CountIndexesAsync(unique, plain));
    }

    private async Task<int> CountIndexesAsync(params string[] names)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<int>(conn, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'forms' AND indexname = ANY(@names)", new { names });
    }

    [Fact]
    public void Formulas_are_computed_after_the_formulas_they_mention()
    {
        FieldDefinition F(string key, string expression) => new() { Key = key, Type = "formula", Label = LocalizedText.Same(key), Expression = expression };
        var order = Platform.Forms.Records.RecordNormalizer.DependencyOrder([F("total", "net + tax"), F("tax", "net * 0.13"), F("net", "qty * price")]);
        Assert.Equal(["net", "tax", "total"], order.Select(f => f.Key));
    }
}
