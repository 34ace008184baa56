using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Forms.Apps;
using Platform.Forms.Bulk;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Loads a 20-field form with generated records through the bulk loader and measures the engine: single create/update,
/// list queries (indexed filter, sort, keyset pages 50 and 10,000), keyword search, and the same list query on
/// a hand-written typed table holding the same data.
/// </summary>
public sealed class FormsBenchmark : IBenchmarkCommand
{
    private const int PageSize = 20;
    private const int Samples = 200;
    private static readonly string[] Statuses = ["new", "contacted", "qualified", "won", "lost"];
    private static readonly string[] Tiers = ["gold", "silver", "bronze"];
    private static readonly string[] Regions = ["north", "east", "south", "west", "central", "overseas"];
    private static readonly string[] Words = ["华为", "腾讯", "阿里", "星辰", "远航", "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "蓝天", "金桥", "海纳", "Vandelay"];

    public string Name => "forms";
    public string Description => "Form engine: bulk load, create/update, list, keyword search vs a typed table (--records N, default 1,000,000)";

    public async Task<int> RunAsync(BenchmarkArgs args)
    {
        var count = args.Records ?? 1_000_000;
        var database = $"bench_forms_{Guid.NewGuid():N}"[..24];
        var adminCs = await TestPostgres.AdminConnectionStringAsync();
        await using (var admin = new NpgsqlConnection(adminCs))
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        var cs = new NpgsqlConnectionStringBuilder(adminCs) { Database = database, CommandTimeout = 0 }.ConnectionString;
        try
        {
            return await RunOnAsync(cs, count);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(adminCs);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<int> RunOnAsync(string cs, int count)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddPlatformDatabase(cs)
            .AddSingleton<IOrgDirectory, NoOrg>()
            .AddForms()
            .BuildServiceProvider();
        await services.GetRequiredService<PlatformMigrator>().MigrateAsync();
        var defs = services.GetRequiredService<IFormDefinitions>();
        await defs.SaveAppAsync(new AppInfo("bench", LocalizedText.Same("Bench")), default);
        var form = services.GetRequiredService<FormDefinitionParser>().Parse(FormJson);
        await defs.SaveDraftAsync(form, UserContext.System, default);
        var results = new Dictionary<string, double>();

        // The product's bulk loader (what large imports use): validation of every row, binary COPY into staging,
        // set-based records, history and outbox events, and the form's secondary and search indexes rebuilt once.
        form = await defs.PublishAsync("bench", "deals", UserContext.System, default);
        Console.WriteLine($"Loading {count:N0} records of a {form.Fields.Count}-field form with the bulk loader ...");
        var database = new NpgsqlConnectionStringBuilder(cs).Database!;
        var (clientCpu, serverCpu) = (Process.GetCurrentProcess().TotalProcessorTime, BackendCpuSeconds(database));
        var gcPause = GC.GetTotalPauseDuration();
        var sw = Stopwatch.StartNew();
        var load = await services.GetRequiredService<IRecordBulkLoader>().LoadAsync(UserContext.System, "bench", "deals",
            GenerateRows(count), new BulkLoadOptions { AllOrNothing = true, ExpectedRows = count }, default);
        if (load.Inserted != count) throw new InvalidOperationException($"Bulk load inserted {load.Inserted} of {count}: {load.Errors.FirstOrDefault()}");
        results["bulk_load_seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1);
        results["bulk_load_records_per_s"] = Math.Round(count / sw.Elapsed.TotalSeconds);
        results["bulk_load_indexes_rebuilt"] = load.IndexesRebuilt ? 1 : 0;
        // CPU actually spent per record, so a run on a machine shared with other work can still be read.
        results["bulk_load_client_cpu_us_per_record"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMicroseconds / count, 1);
        results["bulk_load_server_cpu_us_per_record"] = Math.Round((BackendCpuSeconds(database) - serverCpu) * 1_000_000 / count, 1);
        results["bulk_load_gc_pause_us_per_record"] = Math.Round((GC.GetTotalPauseDuration() - gcPause).TotalMicroseconds / count, 1);
        results["bulk_load_input_generation_cpu_us_per_record"] = GenerationCpuPerRow(count);

        sw.Restart();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await conn.ExecuteAsync(TypedTableSql, commandTimeout: 0);
            await conn.ExecuteAsync("VACUUM ANALYZE forms.records", commandTimeout: 0);
            await conn.ExecuteAsync("VACUUM ANALYZE bench_typed", commandTimeout: 0);
        }
        results["typed_copy_and_analyze_seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1);

        var store = services.GetRequiredService<IRecordStore>();
        var queries = services.GetRequiredService<IRecordQueries>();
        var random = new Random(7);
        await WriteLatenciesAsync(store, random, results);
        await ListLatenciesAsync(queries, cs, Math.Min(10_000, (int)(count * 0.8 / PageSize * 0.9)), results);
        await SearchLatencyAsync(queries, random, results);

        Print(count, results);
        return 0;
    }

    private static async Task WriteLatenciesAsync(IRecordStore store, Random random, Dictionary<string, double> results)
    {
        var create = new LatencyStats();
        var update = new LatencyStats();
        var ids = new List<(Guid Id, int Version)>();
        for (var i = 0; i < Samples; i++)
        {
            var data = JsonNode.Parse(Json(random, 5_000_000 + i))!.AsObject();
            var r = await create.TimeAsync(() => store.CreateAsync(UserContext.System, "bench", "deals", data, default));
            var saved = (RecordWriteResult.Saved)r;
            ids.Add((saved.Record.Id, saved.Record.Version));
        }
        foreach (var (id, version) in ids)
        {
            var change = new JsonObject { ["amount"] = random.Next(1, 1_000_000), ["status"] = Statuses[random.Next(Statuses.Length)] };
            var r = await update.TimeAsync(() => store.UpdateAsync(UserContext.System, "bench", "deals", id, change, version, partial: true, default));
            if (r is not RecordWriteResult.Saved) throw new InvalidOperationException($"Update failed: {r}");
        }
        results["create_median_ms"] = create.Median;
        results["create_p95_ms"] = create.P95;
        results["update_median_ms"] = update.Median;
        results["update_p95_ms"] = update.P95;
    }

    private static RecordQuery ListQuery(string? after, int page = 1) => new()
    {
        Filter = FilterNode.Where("status", FilterOperator.In, new JsonArray("new", "contacted", "qualified", "won")),
        Sort = [new SortSpec("amount", Descending: true)],
        PageSize = PageSize,
        Page = page,
        After = after,
    };

    private static async Task ListLatenciesAsync(IRecordQueries queries, string cs, int deepPage, Dictionary<string, double> results)
    {
        foreach (var page in new[] { 50, deepPage })
        {
            // Position once by offset (not timed), then time the keyset page a client paging forward would request.
            var offsetWatch = Stopwatch.StartNew();
            var before = await queries.ListAsync(UserContext.System, "bench", "deals", ListQuery(null, page - 1), default);
            results[$"list_offset_page{page}_once_ms"] = Math.Round(offsetWatch.Elapsed.TotalMilliseconds, 1);
            var cursor = before.NextCursor ?? throw new InvalidOperationException($"Fewer than {page} pages.");
            var lastAmount = before.Items[^1].Data["amount"]!.GetValue<decimal>();
            var lastId = before.Items[^1].Id;

            var engine = new LatencyStats();
            var typed = new LatencyStats();
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            for (var i = 0; i < Samples; i++)
            {
                var result = await engine.TimeAsync(() => queries.ListAsync(UserContext.System, "bench", "deals", ListQuery(cursor), default));
                if (result.Items.Count != PageSize) throw new InvalidOperationException("Short page.");
                await typed.TimeAsync(async () => (await conn.QueryAsync<TypedRow>("""
                    SELECT * FROM bench_typed
                    WHERE status = ANY(@statuses) AND (amount, id) < (@amount, @id)
                    ORDER BY amount DESC, id DESC LIMIT @limit
                    """, new { statuses = new[] { "new", "contacted", "qualified", "won" }, amount = lastAmount, id = lastId, limit = PageSize })).AsList());
            }
            results[$"list_page{page}_median_ms"] = engine.Median;
            results[$"list_page{page}_p95_ms"] = engine.P95;
            results[$"typed_page{page}_median_ms"] = typed.Median;
            results[$"typed_page{page}_p95_ms"] = typed.P95;
            results[$"list_vs_typed_page{page}_p95_ratio"] = Math.Round(engine.P95 / typed.P95, 2);
        }
    }

    private static async Task SearchLatencyAsync(IRecordQueries queries, Random random, Dictionary<string, double> results)
    {
        var search = new LatencyStats();
        long hits = 0;
        for (var i = 0; i < Samples; i++)
        {
            var keyword = $"C{random.Next(0, 99_999):00000}";
            var page = await search.TimeAsync(() => queries.ListAsync(UserContext.System, "bench", "deals", new RecordQuery { Keyword = keyword, PageSize = PageSize }, default));
            hits += page.Items.Count;
        }
        results["search_median_ms"] = search.Median;
        results["search_p95_ms"] = search.P95;
        results["search_avg_hits"] = Math.Round(hits / (double)Samples, 1);
    }

    /// <summary>
    /// CPU seconds (user + system) of the local PostgreSQL backends serving <paramref name="database"/>, read from
    /// /proc (the benchmark's cluster runs on this machine); 0 where /proc is not available.
    /// </summary>
    private static double BackendCpuSeconds(string database)
    {
        if (!Directory.Exists("/proc")) return 0;
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.StartsWith("postgres: ", StringComparison.Ordinal) || !cmdline.Contains(database, StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return ticks / 100; // USER_HZ
    }

    /// <summary>
    /// Input rows as an importer hands them over: a JSON object per row with values as typed (phone as the digits
    /// the user entered, address as codes), built directly rather than through a JSON text parse.
    /// </summary>
    private static IEnumerable<BulkRow> GenerateRows(int count)
    {
        var random = new Random(42);
        var owners = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < count; i++)
            yield return new BulkRow(Row(random, i), new RecordCreateOptions { OwnerId = owners[random.Next(owners.Length)] });
    }

    private static JsonObject Row(Random r, int i)
    {
        var ci = CultureInfo.InvariantCulture;
        return new JsonObject
        {
            ["name"] = string.Concat(Words[r.Next(Words.Length)], Words[r.Next(Words.Length)], " 项目 ", i.ToString(ci)),
            ["code"] = string.Create(ci, $"C{i % 100_000:00000}-{i}"),
            ["status"] = Statuses[r.Next(Statuses.Length)],
            ["region"] = Regions[r.Next(Regions.Length)],
            ["tier"] = Tiers[r.Next(3)],
            ["amount"] = r.Next(0, 10_000_000) / 100m,
            ["quantity"] = r.Next(1, 500),
            ["discount"] = r.Next(0, 30),
            ["signed_on"] = new DateOnly(2024, 1, 1).AddDays(r.Next(0, 700)).ToString("yyyy-MM-dd", ci),
            ["last_contact"] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r.Next(0, 500_000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", ci),
            ["active"] = r.Next(2) == 0,
            ["phone"] = string.Create(ci, $"138{r.Next(0, 99_999_999):00000000}"),
            ["email"] = string.Create(ci, $"user{i}@example.com"),
            ["website"] = string.Create(ci, $"https://www.example{i % 1000}.com/"),
            ["owner"] = null,
            ["partner"] = null,
            ["tags"] = new JsonArray("vip"),
            ["notes"] = "Generated for the benchmark.",
            ["address"] = new JsonObject { ["province"] = "440000", ["city"] = "440300", ["district"] = "440305", ["detail"] = string.Create(ci, $"科技园 {i % 500} 号") },
            ["score"] = r.Next(0, 100),
        };
    }

    /// <summary>CPU microseconds per row spent generating the input alone (included in the load's client CPU figure).</summary>
    private static double GenerationCpuPerRow(int count)
    {
        var sample = Math.Min(count, 100_000);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var kept = 0;
        foreach (var row in GenerateRows(sample)) kept += row.Data.Count;
        if (kept == 0) throw new InvalidOperationException("No rows generated.");
        return Math.Round((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / sample, 1);
    }

    /// <summary>One record's data in the stored encodings (what the engine itself would have written); values need no escaping.</summary>
    private static string Json(Random r, int i)
    {
        var ci = CultureInfo.InvariantCulture;
        var amount = (r.Next(0, 10_000_000) / 100m).ToString(ci);
        var signed = new DateOnly(2024, 1, 1).AddDays(r.Next(0, 700)).ToString("yyyy-MM-dd", ci);
        var contact = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r.Next(0, 500_000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", ci);
        var name = Words[r.Next(Words.Length)] + Words[r.Next(Words.Length)];
        var active = r.Next(2) == 0 ? "true" : "false";
        return string.Create(ci, $$"""
            {"name":"{{name}} 项目 {{i}}","code":"C{{i % 100_000:00000}}-{{i}}","status":"{{Statuses[r.Next(Statuses.Length)]}}","region":"{{Regions[r.Next(Regions.Length)]}}","tier":"{{Tiers[r.Next(3)]}}","amount":{{amount}},"quantity":{{r.Next(1, 500)}},"discount":{{r.Next(0, 30)}},"signed_on":"{{signed}}","last_contact":"{{contact}}","active":{{active}},"phone":{"e164":"+86138{{r.Next(0, 99_999_999):00000000}}","raw":"138"},"email":"user{{i}}@example.com","website":"https://www.example{{i % 1000}}.com/","owner":null,"partner":null,"tags":["vip"],"notes":"Generated for the benchmark.","address":{"province":"440000","city":"440300","district":"440305","detail":"科技园 {{i % 500}} 号"},"score":{{r.Next(0, 100)}}}
            """);
    }

    private static void Print(int count, Dictionary<string, double> results)
    {
        Console.WriteLine();
        Console.WriteLine($"Forms benchmark, {count:N0} records, page size {PageSize}, {Samples} samples per latency");
        Console.WriteLine(new string('-', 60));
        foreach (var (key, value) in results) Console.WriteLine($"{key,-40} {value,16:N3}");
        Console.WriteLine(new string('-', 60));
        var json = new JsonObject { ["benchmark"] = "forms", ["records"] = count };
        foreach (var (key, value) in results) json[key] = value;
        Console.WriteLine(json.ToJsonString());
    }

    /// <summary>Every column of the typed table, so the comparison reads as much as the engine does.</summary>
    private sealed class TypedRow
    {
        public Guid id { get; set; }
        public string? name { get; set; }
        public string? code { get; set; }
        public string? status { get; set; }
        public string? region { get; set; }
        public string? tier { get; set; }
        public decimal amount { get; set; }
        public decimal quantity { get; set; }
        public decimal discount { get; set; }
        public DateTime signed_on { get; set; }
        public DateTime last_contact { get; set; }
        public bool active { get; set; }
        public string? phone { get; set; }
        public string? email { get; set; }
        public string? website { get; set; }
        public Guid? owner { get; set; }
        public Guid? partner { get; set; }
        public string[]? tags { get; set; }
        public string? notes { get; set; }
        public string? city { get; set; }
        public decimal score { get; set; }
        public DateTime created_at { get; set; }
    }

    private const string TypedTableSql = """
        CREATE TABLE bench_typed AS SELECT
          id, data->>'name' AS name, data->>'code' AS code, data->>'status' AS status, data->>'region' AS region, data->>'tier' AS tier,
          (data->>'amount')::numeric AS amount, (data->>'quantity')::numeric AS quantity, (data->>'discount')::numeric AS discount,
          (data->>'signed_on')::date AS signed_on, (data->>'last_contact')::timestamptz AS last_contact, (data->>'active')::boolean AS active,
          data->'phone'->>'e164' AS phone, data->>'email' AS email, data->>'website' AS website, owner_id AS owner, partner_id AS partner,
          ARRAY(SELECT jsonb_array_elements_text(data->'tags')) AS tags, data->>'notes' AS notes, data->'address'->>'city' AS city,
          (data->>'score')::numeric AS score, created_at
        FROM forms.records WHERE app_key = 'bench' AND form_key = 'deals';
        ALTER TABLE bench_typed ADD PRIMARY KEY (id);
        CREATE INDEX ON bench_typed (status, id);
        CREATE INDEX ON bench_typed (amount, id);
        """;

    private sealed class NoOrg : IOrgDirectory
    {
        public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult<UserContext?>(null);
        public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([departmentId]);
        public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);
        public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    }

    private const string FormJson = """
    {
      "app": "bench", "key": "deals", "name": {"en": "Deals", "zh": "商机"}, "titleField": "name",
      "fields": [
        {"key": "name", "type": "text", "label": {"en": "Name", "zh": "名称"}, "required": true},
        {"key": "code", "type": "text", "label": {"en": "Code", "zh": "编码"}},
        {"key": "status", "type": "select", "label": {"en": "Status", "zh": "状态"}, "indexed": true, "options": [
          {"key": "new", "label": "New"}, {"key": "contacted", "label": "Contacted"}, {"key": "qualified", "label": "Qualified"},
          {"key": "won", "label": "Won"}, {"key": "lost", "label": "Lost"}]},
        {"key": "region", "type": "select", "label": {"en": "Region", "zh": "区域"}, "options": [
          {"key": "north", "label": "North"}, {"key": "east", "label": "East"}, {"key": "south", "label": "South"},
          {"key": "west", "label": "West"}, {"key": "central", "label": "Central"}, {"key": "overseas", "label": "Overseas"}]},
        {"key": "tier", "type": "select", "label": {"en": "Tier", "zh": "等级"}, "options": [
          {"key": "gold", "label": "Gold"}, {"key": "silver", "label": "Silver"}, {"key": "bronze", "label": "Bronze"}]},
        {"key": "amount", "type": "money", "label": {"en": "Amount", "zh": "金额"}, "indexed": true},
        {"key": "quantity", "type": "number", "label": {"en": "Quantity", "zh": "数量"}, "precision": 0},
        {"key": "discount", "type": "percent", "label": {"en": "Discount", "zh": "折扣"}},
        {"key": "signed_on", "type": "date", "label": {"en": "Signed on", "zh": "签约日期"}},
        {"key": "last_contact", "type": "datetime", "label": {"en": "Last contact", "zh": "最近联系"}},
        {"key": "active", "type": "checkbox", "label": {"en": "Active", "zh": "有效"}},
        {"key": "phone", "type": "phone", "label": {"en": "Phone", "zh": "电话"}, "searchable": false},
        {"key": "email", "type": "email", "label": {"en": "E-mail", "zh": "邮箱"}, "searchable": false},
        {"key": "website", "type": "url", "label": {"en": "Website", "zh": "网站"}, "searchable": false},
        {"key": "owner", "type": "member", "label": {"en": "Owner", "zh": "负责人"}},
        {"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}},
        {"key": "tags", "type": "multiselect", "label": {"en": "Tags", "zh": "标签"}, "options": [{"key": "vip", "label": "VIP"}, {"key": "new", "label": "New"}]},
        {"key": "notes", "type": "textarea", "label": {"en": "Notes", "zh": "备注"}, "searchable": false},
        {"key": "address", "type": "address", "label": {"en": "Address", "zh": "地址"}, "searchable": false},
        {"key": "score", "type": "number", "label": {"en": "Score", "zh": "评分"}}
      ]
    }
    """;
}
