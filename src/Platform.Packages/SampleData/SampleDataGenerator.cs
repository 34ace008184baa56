using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Npgsql;
using Platform.Forms.Bulk;
using Platform.Forms.Records;
using Platform.Packages.Format;

namespace Platform.Packages.SampleData;

/// <summary>
/// Interprets a package's sample-data specs through the record store (same validation, formulas and events as
/// any write). Deterministic: the same package gives the same data. No knowledge of any particular app.
/// </summary>
public sealed class SampleDataGenerator(IFormDefinitions definitions, IRecordBulkLoader loader, NpgsqlDataSource dataSource,
    IServiceProvider services, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Generates every spec's records (and <c>@partners</c> / <c>@users</c>); <paramref name="scale"/> multiplies the
    /// record counts (null: as written). Sample users share <paramref name="password"/>.
    /// </summary>
    public async Task<SampleDataResult> GenerateAsync(AppPackage package, double? scale, string password, CancellationToken ct)
    {
        var app = package.Manifest.Id;
        var random = new Random(20260101);
        var specs = package.SampleData
            .Select(f => (f.Path, Spec: f.Content.Deserialize<SampleDataSpec>(Json) ?? throw new PackageValidationException([new PackageError(f.Path, "empty")])))
            .OrderBy(s => s.Spec.Order).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
        var generated = new Dictionary<string, List<(Guid Id, JsonObject Data)>>();
        var byId = new Dictionary<string, JsonObject>();
        var users = new List<SampleUser>();
        var total = 0;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var (path, spec) in specs)
        {
            if (spec.Form == PartnersSpec)
            {
                total += await PartnersAsync(spec, random, generated, byId, today, ct);
                continue;
            }
            if (spec.Form == UsersSpec)
            {
                users.AddRange(await new SampleUsers(services).CreateAsync(path, spec.Users, generated.GetValueOrDefault(PartnersSpec) ?? [], password, ct));
                continue;
            }
            var form = await definitions.GetPublishedAsync(app, spec.Form, ct)
                ?? throw new PackageValidationException([new PackageError(path, $"form '{spec.Form}' is not part of the app")]);
            var count = Math.Max(1, (int)Math.Round(spec.Count * (scale ?? 1)));
            var rows = new List<BulkRow>(count);
            for (var n = 1; n <= count; n++)
            {
                var data = new JsonObject();
                // copies read other fields of the row, so they come after every other field; the owner comes last
                foreach (var field in form.Fields.OrderBy(f => spec.Fields.GetValueOrDefault(f.Key)?["copy"] is null ? 0 : 1))
                    if (spec.Fields.GetValueOrDefault(field.Key)?["owner"] is null
                        && Value(field, spec.Fields.GetValueOrDefault(field.Key), n, data, random, generated, byId, today) is { } value)
                        data[field.Key] = value;
                // "distinct" links run out when there are fewer related records than rows: generate no more rows
                if (spec.Fields.Any(f => f.Value["distinct"]?.GetValue<bool>() == true && data[f.Key] is null)) break;
                var partner = form.PartnerField is { } pf && data[pf] is JsonValue pv && Guid.TryParse(pv.ToString(), out var p) ? p : (Guid?)null;
                var owner = spec.Owner?.Choose(users, partner, data, random);
                foreach (var (key, rule) in spec.Fields)
                    if (rule["owner"]?.GetValue<bool>() == true && owner is not null) data[key] = owner.Id.ToString();
                rows.Add(new BulkRow(data, new RecordCreateOptions { Id = Guid.CreateVersion7(), OwnerId = owner?.Id, DepartmentId = owner?.DepartmentId }));
            }
            if (rows.Count == 0) continue;
            var load = await loader.LoadAsync(UserContext.System, app, spec.Form, rows,
                new BulkLoadOptions { AllOrNothing = true, ExpectedRows = rows.Count }, ct);
            if (load.RolledBack || load.Failed > 0)
                throw new PackageValidationException(load.Errors.Take(10)
                    .Select(e => new PackageError(path, $"record {e.Row + 1} of '{spec.Form}' was refused: {e.Field} {e.En}")).ToList());
            // formulas and defaults are filled in by the form engine: later copies read the stored values
            var stored = await StoredAsync(rows.Select(r => r.Options!.Id!.Value).ToArray(), ct);
            generated[spec.Form] = rows.Select(r => (r.Options!.Id!.Value, stored[r.Options.Id.Value])).ToList();
            foreach (var (id, data) in generated[spec.Form]) byId[id.ToString()] = data;
            total += rows.Count;
        }
        return new SampleDataResult(total, users.Count);
    }

    private async Task<Dictionary<Guid, JsonObject>> StoredAsync(Guid[] ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, JsonObject>(ids.Length);
        await using var command = dataSource.CreateCommand("SELECT id, data::text FROM forms.records WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetGuid(0)] = JsonNode.Parse(reader.GetString(1))!.AsObject();
        return result;
    }

    private static JsonNode? Value(FieldDefinition field, JsonObject? rule, int n, JsonObject row, Random random,
        Dictionary<string, List<(Guid Id, JsonObject Data)>> generated, Dictionary<string, JsonObject> byId, DateOnly today)
    {
        if (rule?["empty"]?.GetValue<bool>() == true) return null;
        if (rule?["chance"]?.GetValue<double>() is { } chance && random.NextDouble() >= chance) return null;
        if (rule?["values"] is JsonArray values) return values[random.Next(values.Count)]?.DeepClone();
        if (rule?["pattern"]?.GetValue<string>() is { } pattern) return pattern.Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (rule?["weights"] is JsonObject weights) return Weighted(weights, random);
        if (rule?["copy"]?.GetValue<string>() is { } copy) return Copy(copy, row, byId);
        switch (field.Type)
        {
            case "partner":
                if (!generated.TryGetValue(PartnersSpec, out var partners) || partners.Count == 0) return null;
                if (rule?["distinct"]?.GetValue<bool>() == true) return n <= partners.Count ? partners[n - 1].Id.ToString() : null;
                return partners[random.Next(partners.Count)].Id.ToString();
            case "autonumber" or "formula" or "attachment" or "image" or "member" or "department":
                return null;
            case "select":
                return field.Options is { Count: > 0 } o ? o[random.Next(o.Count)].Key : null;
            case "multiselect":
                return field.Options is { Count: > 0 } m ? new JsonArray(m.Where(_ => random.Next(3) == 0).Select(x => (JsonNode?)x.Key).ToArray()) : null;
            case "checkbox":
                return random.Next(2) == 0;
            case "number" or "money" or "percent":
                var range = rule?["between"] as JsonArray;
                var min = range?[0]?.GetValue<decimal>() ?? field.Min ?? 0;
                var max = range?[1]?.GetValue<decimal>() ?? field.Max ?? (field.Type == "percent" ? 100 : 1000);
                var v = min + (decimal)random.NextDouble() * (max - min);
                return Math.Round(v, field.Type == "number" ? field.Precision ?? 0 : 2);
            case "date" or "datetime":
                var days = rule?["daysFromToday"] as JsonArray;
                var from = days?[0]?.GetValue<int>() ?? -180;
                var to = days?[1]?.GetValue<int>() ?? 0;
                var date = today.AddDays(random.Next(from, to + 1));
                return field.Type == "date" ? date.ToString("yyyy-MM-dd") : date.ToString("yyyy-MM-dd") + "T02:00:00.000Z";
            case "relation":
                if (field.Relation is null || !generated.TryGetValue(field.Relation.Form, out var targets) || targets.Count == 0) return null;
                // "having": only related records whose given field is filled (commissions only for partner orders)
                if (rule?["having"]?.GetValue<string>() is { } having)
                    targets = targets.Where(t => t.Data[having] is JsonValue hv && hv.ToString().Length > 0).ToList();
                if (targets.Count == 0) return null;
                // "distinct": the n-th record links the n-th target, for one-to-one links such as commission → order
                if (rule?["distinct"]?.GetValue<bool>() == true) return n <= targets.Count ? targets[n - 1].Id.ToString() : null;
                return field.Multiple
                    ? new JsonArray(Enumerable.Range(0, 1 + random.Next(2)).Select(_ => targets[random.Next(targets.Count)].Id.ToString()).Distinct().Select(x => (JsonNode?)x).ToArray())
                    : targets[random.Next(targets.Count)].Id.ToString();
            case "subtable":
                var lines = rule?["lines"] as JsonArray;
                var count = random.Next(lines?[0]?.GetValue<int>() ?? 1, (lines?[1]?.GetValue<int>() ?? 3) + 1);
                var subRules = rule?["fields"] as JsonObject;
                var array = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    var line = new JsonObject();
                    foreach (var sub in field.Fields ?? [])
                        if (Value(sub, subRules?[sub.Key] as JsonObject, n, line, random, generated, byId, today) is { } sv) line[sub.Key] = sv;
                    array.Add(line);
                }
                return array;
            case "phone":
                return $"139{random.Next(10000000, 99999999)}";
            case "email":
                return $"user{n}@example.com";
            case "address" or "url":
                return null;
            default:
                return field.Required ? $"{field.Label.Zh}{n}" : null;
        }
    }

    /// <summary>The spec form name that creates partner organisations (identity partners) instead of records.</summary>
    public const string PartnersSpec = "@partners";

    /// <summary>The spec form name that creates users (internal staff by department, partner staff per partner).</summary>
    public const string UsersSpec = "@users";

    private static readonly FieldDefinition[] PartnerFields =
    [
        new() { Key = "name", Type = "text", Label = Platform.Forms.Definitions.LocalizedText.Same("name"), Required = true },
        new() { Key = "code", Type = "text", Label = Platform.Forms.Definitions.LocalizedText.Same("code"), Required = true },
        new() { Key = "tier", Type = "text", Label = Platform.Forms.Definitions.LocalizedText.Same("tier") },
        new() { Key = "region", Type = "text", Label = Platform.Forms.Definitions.LocalizedText.Same("region") },
    ];

    private async Task<int> PartnersAsync(SampleDataSpec spec, Random random, Dictionary<string, List<(Guid Id, JsonObject Data)>> generated,
        Dictionary<string, JsonObject> byId, DateOnly today, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
        var list = generated[PartnersSpec] = [];
        for (var n = 1; n <= spec.Count; n++)
        {
            var data = new JsonObject();
            foreach (var field in PartnerFields)
                if (Value(field, spec.Fields.GetValueOrDefault(field.Key), n, data, random, generated, byId, today) is { } value) data[field.Key] = value;
            var id = await admin.CreatePartnerAsync(new NewPartner(
                data["name"]!.GetValue<string>(), data["code"]!.GetValue<string>(), data["tier"]?.GetValue<string>(), data["region"]?.GetValue<string>()), ct);
            list.Add((id, data));
            byId[id.ToString()] = data;
        }
        return spec.Count;
    }

    private static JsonNode? Weighted(JsonObject weights, Random random)
    {
        var total = weights.Sum(w => w.Value!.GetValue<double>());
        var pick = random.NextDouble() * total;
        foreach (var (key, weight) in weights)
            if ((pick -= weight!.GetValue<double>()) <= 0) return key;
        return weights.Last().Key;
    }

    /// <summary>"customer.region": the value of field <c>region</c> of the record the row's <c>customer</c> relation points to.</summary>
    private static JsonNode? Copy(string path, JsonObject row, Dictionary<string, JsonObject> byId)
    {
        var parts = path.Split('.', 2);
        if (parts.Length == 1) return row[parts[0]]?.DeepClone();
        return row[parts[0]] is JsonValue v && v.TryGetValue<string>(out var id) && byId.TryGetValue(id, out var data)
            ? data[parts[1]]?.DeepClone() : null;
    }

}

/// <summary>How many records (partners included) and users the sample data made.</summary>
public sealed record SampleDataResult(int Records, int Users);
