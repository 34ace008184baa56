using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Packages.Format;

namespace Platform.Packages.SampleData;

/// <summary>
/// One entry of a <c>"form": "@users"</c> spec: <see cref="Count"/> users (per partner organisation generated earlier
/// when <see cref="PerPartner"/>), their roles, department (created under <see cref="ParentDepartment"/> when missing)
/// and region. Name and e-mail patterns know <c>{n}</c>, <c>{partner}</c> (the partner's name) and <c>{code}</c>.
/// </summary>
public sealed record SampleUserSpec
{
    public int Count { get; init; } = 1;
    public bool PerPartner { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? Department { get; init; }
    public string? ParentDepartment { get; init; }
    /// <summary>The user becomes the manager of their department (directors: their department tree is their scope).</summary>
    public bool ManagesDepartment { get; init; }
    /// <summary>A region option key; record owners are picked among users of the record's region when the spec asks.</summary>
    public string? Region { get; init; }
}

/// <summary>A generated sample user, as record owners are chosen from them.</summary>
public sealed record SampleUser(Guid Id, IReadOnlySet<string> Roles, Guid? PartnerId, Guid? DepartmentId, string? Region);

/// <summary>Creates sample users, their departments and partner memberships through the organisation service.</summary>
internal sealed partial class SampleUsers(IServiceProvider services)
{
    /// <summary>A password every sample user shares, generated per install and reported once.</summary>
    public static string NewPassword() => "Demo-" + string.Concat(Enumerable.Range(0, 10).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"[RandomNumberGenerator.GetInt32(56)])) + "7";

    public async Task<List<SampleUser>> CreateAsync(string path, IReadOnlyList<SampleUserSpec> specs, IReadOnlyList<(Guid Id, JsonObject Data)> partners,
        string password, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
        var departments = (await admin.ListDepartmentsAsync(ct)).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First().Id);
        var created = new List<SampleUser>();
        try
        {
            foreach (var spec in specs)
            {
                Guid? department = spec.Department is { } name ? await DepartmentAsync(admin, departments, name, spec.ParentDepartment, ct) : null;
                foreach (var (partnerId, partner) in spec.PerPartner ? partners.Select(p => ((Guid?)p.Id, (JsonObject?)p.Data)) : [((Guid?)null, (JsonObject?)null)])
                    for (var n = 1; n <= spec.Count; n++)
                    {
                        var id = await admin.CreateUserAsync(new NewUser(Fill(spec.Email, n, partner).ToLowerInvariant(), Fill(spec.Name, n, partner), password,
                            partnerId is null ? department : null, PartnerId: partnerId, Roles: spec.Roles), ct);
                        if (spec.ManagesDepartment && department is { } d)
                            await admin.UpdateDepartmentAsync(d, Fill(spec.Department!, n, partner), id, 0, ct);
                        created.Add(new SampleUser(id, spec.Roles.ToHashSet(StringComparer.Ordinal), partnerId, partnerId is null ? department : null, spec.Region));
                    }
            }
        }
        catch (OrganizationException e)
        {
            throw new PackageValidationException([new PackageError(path, $"a sample user was refused: {e.Message} / {e.MessageZh}")]);
        }
        return created;
    }

    private static async Task<Guid> DepartmentAsync(IOrganizationAdmin admin, Dictionary<string, Guid> departments, string name, string? parent, CancellationToken ct)
    {
        if (departments.TryGetValue(name, out var id)) return id;
        Guid? parentId = parent is null ? null : await DepartmentAsync(admin, departments, parent, null, ct);
        return departments[name] = await admin.CreateDepartmentAsync(new NewDepartment(name, parentId), ct);
    }

    private static string Fill(string pattern, int n, JsonObject? partner) => pattern
        .Replace("{n}", n.ToString(CultureInfo.InvariantCulture))
        .Replace("{partner}", partner?["name"]?.GetValue<string>() ?? "")
        .Replace("{code}", NotEmailSafe().Replace(partner?["code"]?.GetValue<string>() ?? "", "").ToLowerInvariant());

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotEmailSafe();
}

/// <summary>
/// How a spec's records get owners: a partner's record goes to one of that partner's users with a
/// <see cref="PartnerRoles"/> role; any other to an internal user with one of <see cref="Roles"/>, preferring users
/// whose region equals the record's <see cref="RegionField"/>. The owner's department becomes the record's.
/// </summary>
public sealed record SampleOwnerSpec
{
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<string> PartnerRoles { get; init; } = [];
    public string? RegionField { get; init; }

    internal SampleUser? Choose(IReadOnlyList<SampleUser> users, Guid? partner, JsonObject row, Random random)
    {
        List<SampleUser> pool;
        if (partner is { } p)
            pool = users.Where(u => u.PartnerId == p && PartnerRoles.Any(u.Roles.Contains)).ToList();
        else
        {
            pool = users.Where(u => u.PartnerId is null && Roles.Any(u.Roles.Contains)).ToList();
            var region = RegionField is null ? null : row[RegionField]?.ToString();
            if (region is not null && pool.Where(u => u.Region == region).ToList() is { Count: > 0 } local) pool = local;
        }
        return pool.Count == 0 ? null : pool[random.Next(pool.Count)];
    }
}
