using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Api;

public class RecordsApiTests(FormsFixture db) : IClassFixture<FormsFixture>, IAsyncLifetime
{
    private ApiHost _host = null!;
    private readonly UserContext _admin = TestForms.User("admin") with { IsAdministrator = true };
    private readonly UserContext _partnerA = TestForms.User("pa-" + Guid.NewGuid().ToString("N")[..6], null, Guid.NewGuid(), "partner_sales");
    private readonly UserContext _partnerB = TestForms.User("pb-" + Guid.NewGuid().ToString("N")[..6], null, Guid.NewGuid(), "partner_sales");
    private const string Records = "/api/apps/crm/forms/customers/records";

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(db);
        await TestForms.PublishAsync(db.Services, TestForms.Customers);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(Guid Id, int Version)> CreateAsync(UserContext user, string json)
    {
        var response = await _host.Client(user).PostAsync(Records, Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (Guid.Parse(body["record"]!["id"]!.GetValue<string>()), body["record"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Anonymous_requests_are_refused()
    {
        var response = await _host.Client(null).GetAsync(Records);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Create_read_and_update_with_if_match_versions()
    {
        var (id, version) = await CreateAsync(_partnerA, """{"name": "API Co", "industry": "it"}""");
        var client = _host.Client(_partnerA);
        var get = await client.GetAsync($"{Records}/{id}");
        Assert.Equal("\"1\"", get.Headers.ETag!.Tag);

        var noPrecondition = await client.PatchAsync($"{Records}/{id}", Json("""{"notes": "x"}"""));
        Assert.Equal((HttpStatusCode)428, noPrecondition.StatusCode);

        var ok = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Records}/{id}") { Content = Json("""{"notes": "first"}""") }.WithIfMatch(version));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag!.Tag);

        var stale = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Records}/{id}") { Content = Json("""{"notes": "second"}""") }.WithIfMatch(version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, problem["currentVersion"]!.GetValue<int>());
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Invalid_record_gets_problem_details_with_a_field_map_in_both_languages()
    {
        var response = await _host.Client(_partnerA).PostAsync(Records, Json("""{"industry": "banking", "nope": 1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["industry"]);
        Assert.NotNull(problem["errors"]!["nope"]);
        Assert.Contains("必填", problem["errorsZh"]!["name"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Partner_user_cannot_get_list_search_lookup_or_export_another_partners_records()
    {
        var (other, _) = await CreateAsync(_partnerB, """{"name": "=HYPERLINK(\"http://evil\") Beta"}""");
        var (mine, _) = await CreateAsync(_partnerA, """{"name": "=SUM(A1) Alpha"}""");
        var client = _host.Client(_partnerA);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Records}/{other}")).StatusCode);
        var list = (await client.GetFromJsonAsync<JsonObject>($"{Records}?pageSize=100"))!;
        var ids = list["items"]!.AsArray().Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(other, ids);
        var search = (await client.GetFromJsonAsync<JsonObject>($"{Records}?q=Beta"))!;
        Assert.Empty(search["items"]!.AsArray());
        var lookup = (await client.GetFromJsonAsync<JsonArray>($"{Records}/lookup?ids={other},{mine}"))!;
        Assert.Equal([mine], lookup.Select(i => Guid.Parse(i!["id"]!.GetValue<string>())));

        var csv = await client.GetStringAsync("/api/apps/crm/forms/customers/export?format=csv&lang=en");
        Assert.Contains("'=SUM(A1) Alpha", csv);
        Assert.DoesNotContain("Beta", csv);
        Assert.DoesNotContain("Internal note", csv);
        var xlsx = await client.GetAsync("/api/apps/crm/forms/customers/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["名称"] == "'=SUM(A1) Alpha");
        Assert.DoesNotContain(rows, r => ((string?)r["名称"])?.Contains("Beta") == true);
    }

    [Fact]
    public async Task Only_administrators_design_and_publish_forms()
    {
        var draft = TestForms.Customers.Replace("\"customers\"", "\"contacts\"");
        var forbidden = await _host.Client(_partnerA).PutAsync("/api/apps/crm/forms/contacts/draft", Json(draft));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var admin = _host.Client(_admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/apps/crm/forms/contacts/draft", Json(draft))).StatusCode);
        var invalid = await admin.PutAsync("/api/apps/crm/forms/contacts/draft", Json("""{"name": "x", "fields": [{"key": "Bad Key", "type": "warp", "label": "x"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("warp", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/apps/crm/forms/contacts/publish", null)).StatusCode);
        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/apps/crm/forms/contacts/versions"))!;
        Assert.Single(versions);
        var definitionSchema = await admin.GetStringAsync("/api/forms/definition-schema");
        Assert.Contains("numberPattern", definitionSchema);
        var schema = (await admin.GetFromJsonAsync<JsonObject>("/api/apps/crm/forms/contacts/schema"))!;
        Assert.Equal("object", schema["properties"]!["phone"]!["type"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Csv_import_reports_bad_rows_and_all_or_nothing_writes_nothing()
    {
        var csv = "名称,Industry,Revenue,Phone\nImported One,信息技术,\"1,200\",13800138000\n,it,5,\nImported Three,mfg,-1,\n";
        async Task<JsonObject> ImportAsync(string options)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "customers.csv" },
                { new StringContent(options), "options" },
            };
            var response = await _host.Client(_admin).PostAsync("/api/apps/crm/forms/customers/imports", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        var atomic = await ImportAsync("""{"allOrNothing": true}""");
        Assert.True(atomic["rolledBack"]!.GetValue<bool>());
        Assert.Equal(0, atomic["inserted"]!.GetValue<int>());
        var lenient = await ImportAsync("""{"keyField": "name", "onDuplicate": "skip"}""");
        Assert.Equal(1, lenient["inserted"]!.GetValue<int>());
        Assert.Equal(2, lenient["failed"]!.GetValue<int>());
        var errors = lenient["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 3 && e["field"]!.GetValue<string>() == "name");
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 4 && e["field"]!.GetValue<string>() == "revenue");
        var again = await ImportAsync("""{"keyField": "name", "onDuplicate": "skip"}""");
        Assert.Equal(1, again["skipped"]!.GetValue<int>());
        Assert.Equal(0, again["inserted"]!.GetValue<int>());
        var list = (await _host.Client(_admin).GetFromJsonAsync<JsonObject>($"{Records}?q=Imported%20One"))!;
        var record = list["items"]![0]!["data"]!;
        Assert.Equal(1200m, record["revenue"]!.GetValue<decimal>());
        Assert.Equal("+8613800138000", record["phone"]!["e164"]!.GetValue<string>());
    }

    [Fact]
    public async Task Large_import_runs_in_the_background_with_progress()
    {
        var sb = new StringBuilder("name,revenue\n");
        for (var i = 0; i < 260; i++) sb.Append("Bulk ").Append(i).Append(',').Append(i).Append('\n');
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(sb.ToString())), "file", "bulk.csv" } };
        var client = _host.Client(_admin);
        var response = await client.PostAsync("/api/apps/crm/forms/customers/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        JsonObject job;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        do
        {
            await Task.Delay(200);
            job = (await client.GetFromJsonAsync<JsonObject>(location))!;
        } while (job["status"]!.GetValue<string>() == "running" && DateTime.UtcNow < deadline);
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal(260, job["processed"]!.GetValue<int>());
        Assert.Equal(260, job["report"]!["inserted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Images_are_type_and_size_checked_and_downloads_follow_record_visibility()
    {
        static MultipartFormDataContent Upload(byte[] bytes, string name, string type)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            return new MultipartFormDataContent { { content, "file", name } };
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        var a = _host.Client(_partnerA);
        var fake = await a.PostAsync("/api/apps/crm/forms/customers/files/logo", Upload("<script>"u8.ToArray(), "logo.png", "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        var wrongType = await a.PostAsync("/api/apps/crm/forms/customers/files/logo", Upload(png, "logo.exe", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var tooBig = await a.PostAsync("/api/apps/crm/forms/customers/files/logo", Upload([.. png, .. new byte[2048]], "big.png", "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);

        var uploaded = await a.PostAsync("/api/apps/crm/forms/customers/files/logo", Upload(png, "logo.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var fileId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var (id, _) = await CreateAsync(_partnerA, $$"""{"name": "With logo", "logo": ["{{fileId}}"]}""");
        var record = (await a.GetFromJsonAsync<JsonObject>($"{Records}/{id}"))!;
        Assert.Equal("logo.png", record["record"]!["data"]!["logo"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(12, record["record"]!["data"]!["logo"]![0]!["size"]!.GetValue<int>());

        var mine = await a.GetAsync($"/api/apps/crm/forms/customers/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(png, await mine.Content.ReadAsByteArrayAsync());
        var theirs = await _host.Client(_partnerB).GetAsync($"/api/apps/crm/forms/customers/files/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
