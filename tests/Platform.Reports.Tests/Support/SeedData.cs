using System.Text.Json.Nodes;
using Bogus;
using Npgsql;
using NpgsqlTypes;
using Platform.Core.Organization;

namespace Platform.Reports.Tests.Support;

/// <summary>Generated partners, people, customers, products and opportunities (fixed seed), inserted per the records contract.</summary>
public sealed class SeedData
{
    public required IReadOnlyList<(Guid Id, string Name)> Partners { get; init; }
    public required IReadOnlyList<(Guid Id, string Name, Guid Department)> Users { get; init; }
    public required IReadOnlyList<Guid> Departments { get; init; }
    public required IReadOnlyList<Guid> Customers { get; init; }
    public required IReadOnlyList<Guid> Products { get; init; }
    public required IReadOnlyList<Guid> Opportunities { get; init; }

    public static readonly (string Province, string City)[] Places =
        [("110000", "110100"), ("310000", "310100"), ("440000", "440100"), ("440000", "440300"), ("330000", "330100"), ("510000", "510100"), ("320000", "320100")];

    /// <summary>Departments, partners and users go through the organisation admin into the real identity tables.</summary>
    public static async Task<SeedData> GenerateAsync(NpgsqlConnection conn, IOrganizationAdmin admin, int seed, int opportunities)
    {
        var f = new Faker { Random = new Randomizer(seed) };
        var departments = new List<Guid>();
        for (var i = 0; i < 3; i++) departments.Add(await admin.CreateDepartmentAsync(new NewDepartment($"Department {i}"), default));
        var partners = new List<(Guid, string)>();
        for (var i = 0; i < 8; i++)
        {
            var name = $"{f.Company.CompanyName()} {i}";
            partners.Add((await admin.CreatePartnerAsync(new NewPartner(name, $"P{i:00}"), default), name));
        }
        var users = new List<(Guid, string, Guid)>();
        for (var i = 0; i < 12; i++)
        {
            var (name, department) = ($"{f.Name.FullName()} {i}", f.PickRandom(departments));
            users.Add((await admin.CreateUserAsync(new NewUser($"user{i}@reports.test", name, "Reports-test-1", department), default), name, department));
        }

        var start = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<Row>();
        var products = Enumerable.Range(0, 15).Select(i => new Row(f.Random.Guid(), "products", new JsonObject
        {
            ["name"] = $"Product {i:00}",
            ["category"] = f.PickRandom("hw", "sw", "svc"),
        }, $"Product {i:00}", null, null, null, start)).ToList();
        rows.AddRange(products);

        var customers = new List<Row>();
        for (var i = 0; i < Math.Max(50, opportunities / 8); i++)
        {
            var owner = f.PickRandom(users);
            var partner = f.Random.Bool(0.8f) ? f.PickRandom(partners).Item1 : (Guid?)null;
            var place = f.PickRandom(Places);
            var data = new JsonObject
            {
                ["name"] = f.Company.CompanyName(),
                ["industry"] = f.Random.Bool(0.95f) ? f.PickRandom(CrmForms.Industries) : null,
                ["tags"] = new JsonArray(f.PickRandom(CrmForms.Tags, f.Random.Int(0, 2)).Distinct().Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                ["address"] = new JsonObject { ["province"] = place.Province, ["city"] = place.City, ["detail"] = f.Address.StreetAddress() },
                ["revenue"] = Math.Round(f.Random.Decimal(1_000, 5_000_000), 2),
                ["owner"] = owner.Item1.ToString(),
                ["partner"] = partner?.ToString(),
            };
            customers.Add(new Row(f.Random.Guid(), "customers", data, data["name"]!.GetValue<string>(), owner.Item1, owner.Item3, partner, f.Date.BetweenOffset(start, start.AddMonths(17))));
        }
        rows.AddRange(customers);

        var opps = new List<Row>();
        for (var i = 0; i < opportunities; i++)
        {
            var owner = f.PickRandom(users);
            var customer = f.PickRandom(customers);
            var partner = customer.Partner;
            var lines = new JsonArray();
            for (var l = 0; l < f.Random.Int(0, 3); l++)
            {
                var qty = f.Random.Int(1, 20);
                var price = Math.Round(f.Random.Decimal(100, 20_000), 2);
                lines.Add(new JsonObject { ["product"] = f.PickRandom(products).Id.ToString(), ["quantity"] = qty, ["price"] = price, ["total"] = qty * price });
            }
            var data = new JsonObject
            {
                ["name"] = $"Deal {i}",
                ["customer"] = f.Random.Bool(0.97f) ? customer.Id.ToString() : null,
                ["partner"] = partner?.ToString(),
                ["stage"] = f.Random.WeightedRandom(CrmForms.Stages, [0.3f, 0.2f, 0.15f, 0.1f, 0.15f, 0.1f]),
                ["amount"] = f.Random.Bool(0.97f) ? Math.Round(f.Random.Decimal(1_000, 2_000_000), 2) : null,
                ["margin"] = Math.Round(f.Random.Decimal(0, 200_000), 2),
                ["probability"] = f.Random.Int(0, 100),
                ["close_date"] = DateOnly.FromDateTime(f.Date.Between(start.UtcDateTime, start.AddMonths(20).UtcDateTime)).ToString("yyyy-MM-dd"),
                ["owner"] = owner.Item1.ToString(),
                ["lines"] = lines,
            };
            opps.Add(new Row(f.Random.Guid(), "opportunities", data, $"Deal {i}", owner.Item1, owner.Item3, partner, f.Date.BetweenOffset(start, start.AddMonths(17))));
        }
        rows.AddRange(opps);
        await InsertAsync(conn, rows);
        return new SeedData
        {
            Partners = partners, Users = users, Departments = departments,
            Customers = customers.Select(c => c.Id).ToList(), Products = products.Select(p => p.Id).ToList(), Opportunities = opps.Select(o => o.Id).ToList(),
        };
    }

    private sealed record Row(Guid Id, string Form, JsonObject Data, string Title, Guid? Owner, Guid? Department, Guid? Partner, DateTimeOffset CreatedAt);

    private static async Task InsertAsync(NpgsqlConnection conn, IReadOnlyList<Row> rows)
    {
        await using var writer = await conn.BeginBinaryImportAsync(
            "COPY forms.records (id, app_key, form_key, data, title, owner_id, department_id, partner_id, created_by, created_at, updated_by, updated_at, version) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(r.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(CrmForms.App, NpgsqlDbType.Text);
            await writer.WriteAsync(r.Form, NpgsqlDbType.Text);
            await writer.WriteAsync(r.Data.ToJsonString(), NpgsqlDbType.Jsonb);
            await writer.WriteAsync(r.Title, NpgsqlDbType.Text);
            await Nullable(writer, r.Owner);
            await Nullable(writer, r.Department);
            await Nullable(writer, r.Partner);
            await writer.WriteAsync(r.Owner ?? Guid.Empty, NpgsqlDbType.Uuid);
            await writer.WriteAsync(r.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(r.Owner ?? Guid.Empty, NpgsqlDbType.Uuid);
            await writer.WriteAsync(r.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }

    private static async Task Nullable(NpgsqlBinaryImporter writer, Guid? value)
    {
        if (value is { } v) await writer.WriteAsync(v, NpgsqlDbType.Uuid);
        else await writer.WriteNullAsync();
    }
}
