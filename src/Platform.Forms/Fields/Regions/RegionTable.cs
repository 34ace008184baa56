namespace Platform.Forms.Fields;

/// <summary>
/// GB/T 2260 administrative divisions shipped with the platform: every province, every prefecture-level city,
/// and the districts of a few large cities. Codes below a level the table does not list are accepted when they
/// carry their parent's prefix, so a customer's district code is never refused for our table being short.
/// </summary>
public sealed class RegionTable
{
    private readonly Dictionary<string, string> _names = [];

    public RegionTable()
    {
        using var stream = typeof(RegionTable).Assembly.GetManifestResourceStream("Platform.Forms.Fields.Regions.regions.tsv")
            ?? throw new InvalidOperationException("The region table resource is missing.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 2) _names[parts[0]] = parts[1];
        }
    }

    public int Count => _names.Count;

    public string NameOf(string? code) => code is not null && _names.TryGetValue(code, out var name) ? name : "";

    public IEnumerable<(string Code, string Name)> Provinces => _names.Where(p => p.Key.EndsWith("0000", StringComparison.Ordinal)).Select(p => (p.Key, p.Value));

    public IEnumerable<(string Code, string Name)> Children(string parent)
    {
        var (prefix, level) = parent.EndsWith("0000", StringComparison.Ordinal) ? (parent[..2], 2) : (parent[..4], 3);
        return _names.Where(p => p.Key != parent && p.Key.StartsWith(prefix, StringComparison.Ordinal) && Level(p.Key) == level).Select(p => (p.Key, p.Value));
    }

    internal sealed record Resolved(string? Province, string? City, string? District, string? Detail, (string En, string Zh)? Error = null);

    internal Resolved Resolve(string? province, string? city, string? district, string? detail)
    {
        var p = Find(province, 1, null);
        var c = Find(city, 2, p);
        var d = Find(district, 3, c);
        if (province is { Length: > 0 } && p is null) return Fail($"unknown province '{province}'", $"未知的省份“{province}”");
        if (city is { Length: > 0 } && c is null) return Fail($"unknown city '{city}' in {NameOf(p)}", $"{NameOf(p)}下没有城市“{city}”");
        if (district is { Length: > 0 } && d is null) return Fail($"unknown district '{district}' in {NameOf(c)}", $"{NameOf(c)}下没有区县“{district}”");
        if (c is not null && p is null) p = c[..2] + "0000";
        if (d is not null && c is null) return Fail("a district needs its city", "填写区县时需要填写城市");
        return new Resolved(p, c, d, string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());
    }

    /// <summary>Reads "广东省深圳市南山区科技园一路" (spaces optional) into codes and the remaining detail.</summary>
    internal Resolved ParseText(string text)
    {
        var rest = text.Trim();
        string? p = null, c = null, d = null;
        (p, rest) = TakePrefix(rest, 1, null);
        (c, rest) = TakePrefix(rest, 2, p);
        if (c is not null) p ??= c[..2] + "0000";
        if (c is null && p is not null && IsMunicipality(p)) c = p[..2] + "0100";
        (d, rest) = TakePrefix(rest, 3, c);
        if (p is null) return Fail($"no province found in '{text}'", $"“{text}”中找不到省份");
        return new Resolved(p, c, d, rest.Length == 0 ? null : rest);
    }

    private static bool IsMunicipality(string province) => province is "110000" or "120000" or "310000" or "500000";

    private (string? Code, string Remainder) TakePrefix(string text, int level, string? parent)
    {
        text = text.TrimStart(' ', ',', '，', '/');
        var best = Candidates(level, parent)
            .SelectMany(p => new[] { (p.Key, Name: p.Value), (p.Key, Name: Short(p.Value)) })
            .Where(x => x.Name.Length > 0 && text.StartsWith(x.Name, StringComparison.Ordinal))
            .OrderByDescending(x => x.Name.Length)
            .FirstOrDefault();
        return best.Key is null ? (null, text) : (best.Key, text[best.Name.Length..].TrimStart(' ', ',', '，', '/'));
    }

    private string? Find(string? codeOrName, int level, string? parent)
    {
        if (string.IsNullOrWhiteSpace(codeOrName)) return null;
        var value = codeOrName.Trim();
        if (value.Length == 6 && value.All(char.IsAsciiDigit))
        {
            if (Level(value) != level) return null;
            if (parent is not null && !value.StartsWith(parent[..(level == 2 ? 2 : 4)], StringComparison.Ordinal)) return null;
            if (_names.ContainsKey(value)) return value;
            // Accept codes under parents whose children we do not ship.
            var knownParent = level == 1 ? null : parent ?? (level == 2 ? value[..2] + "0000" : value[..4] + "00");
            return level > 1 && knownParent is not null && _names.ContainsKey(knownParent) && !Children(knownParent).Any() ? value : null;
        }
        return Candidates(level, parent).FirstOrDefault(p => p.Value == value || Short(p.Value) == value).Key;
    }

    private IEnumerable<KeyValuePair<string, string>> Candidates(int level, string? parent) => _names.Where(p =>
        Level(p.Key) == level && (parent is null || p.Key.StartsWith(parent[..(level == 2 ? 2 : 4)], StringComparison.Ordinal)));

    private static int Level(string code) => code.EndsWith("0000", StringComparison.Ordinal) ? 1 : code.EndsWith("00", StringComparison.Ordinal) ? 2 : 3;

    private static string Short(string name)
    {
        foreach (var suffix in new[] { "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区", "盟", "区", "县" })
            if (name.Length > suffix.Length + 1 && name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }

    private static Resolved Fail(string en, string zh) => new(null, null, null, null, (en, zh));
}
