using Platform.Forms.Definitions;

namespace Platform.Studio.Designers.Forms;

/// <summary>A section of the canvas while it is edited: a title, how many columns, and the order of its fields.</summary>
public sealed class DesignSection
{
    public Guid Id { get; } = Guid.NewGuid();
    public LocalizedText? Title { get; set; }
    public int Columns { get; set; } = 2;
    public List<string> Fields { get; } = [];
}

/// <summary>
/// The form being designed: a mutable working copy of a <see cref="FormDefinition"/>. Every edit goes through a
/// method here so keys stay unique, layout, rules and permissions follow a renamed or removed field, and
/// published keys cannot change.
/// </summary>
public sealed class FormDesign
{
    private readonly List<FieldDefinition> _fields = [];
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);

    public FormDesign(string app, string key, LocalizedText name)
    {
        App = app;
        Key = key;
        Name = name;
        Sections.Add(new DesignSection { Title = new LocalizedText("Basic information", "基本信息") });
    }

    public string App { get; }
    public string Key { get; set; }
    public LocalizedText Name { get; set; }
    public LocalizedText? Description { get; set; }
    public string? TitleField { get; set; }
    public string? PartnerField { get; set; }
    public IReadOnlyList<FieldDefinition> Fields => _fields;
    public List<DesignSection> Sections { get; } = [];
    public List<RuleDefinition> Rules { get; } = [];
    public List<RoleGrant> Permissions { get; } = [];
    /// <summary>Keys of fields in the published version: the data contract, so they can no longer be renamed.</summary>
    public IReadOnlySet<string> PublishedKeys => _published;
    /// <summary>True once the form has a published version (its own key is then fixed too).</summary>
    public bool IsPublished { get; private set; }
    /// <summary>Bumped on every change so views know to re-evaluate.</summary>
    public int Revision { get; private set; }

    public static FormDesign From(FormDefinition definition, FormDefinition? published)
    {
        var design = new FormDesign(definition.App, definition.Key, definition.Name)
        {
            Description = definition.Description, TitleField = definition.TitleField, PartnerField = definition.PartnerField,
            IsPublished = published is not null,
        };
        design.Sections.Clear();
        design._fields.AddRange(definition.Fields);
        foreach (var section in definition.Layout?.Sections ?? [])
        {
            var s = new DesignSection { Title = section.Title, Columns = section.Columns };
            s.Fields.AddRange(section.Fields.Where(k => definition.Field(k) is not null));
            design.Sections.Add(s);
        }
        var placed = design.Sections.SelectMany(s => s.Fields).ToHashSet(StringComparer.Ordinal);
        var rest = definition.Fields.Select(f => f.Key).Where(k => !placed.Contains(k)).ToList();
        if (design.Sections.Count == 0 || rest.Count > 0)
        {
            if (design.Sections.Count == 0) design.Sections.Add(new DesignSection { Title = new LocalizedText("Basic information", "基本信息") });
            design.Sections[^1].Fields.AddRange(rest);
        }
        design.Rules.AddRange(definition.Rules ?? []);
        design.Permissions.AddRange(definition.Permissions ?? []);
        foreach (var field in published?.Fields ?? []) design._published.Add(field.Key);
        return design;
    }

    public FormDefinition ToDefinition() => new()
    {
        App = App,
        Key = Key,
        Name = Name,
        Description = Description,
        TitleField = TitleField,
        PartnerField = PartnerField,
        // Canvas order is the field order, so lists and exports show fields as the designer laid them out.
        Fields = Sections.SelectMany(s => s.Fields).Select(Field).OfType<FieldDefinition>()
            .Concat(_fields.Where(f => !Sections.Any(s => s.Fields.Contains(f.Key)))).ToList(),
        Layout = new LayoutDefinition(Sections.Select(s => new SectionDefinition { Title = s.Title, Columns = s.Columns, Fields = s.Fields.ToList() }).ToList()),
        Rules = Rules.Count == 0 ? null : Rules.ToList(),
        Permissions = Permissions.Count == 0 ? null : Permissions.ToList(),
    };

    public FieldDefinition? Field(string key) => _fields.FirstOrDefault(f => f.Key == key);

    public DesignSection? SectionOf(string key) => Sections.FirstOrDefault(s => s.Fields.Contains(key));

    /// <summary>Adds a field of <paramref name="type"/> into a section at a position (the end when out of range); returns its key.</summary>
    public string AddField(string type, DesignSection section, int index = int.MaxValue)
    {
        var key = UniqueKey(type);
        _fields.Add(FieldPalette.NewField(type, key));
        section.Fields.Insert(Math.Clamp(index, 0, section.Fields.Count), key);
        if (TitleField is null && type is "text") TitleField = key;
        Changed();
        return key;
    }

    /// <summary>Moves a placed field to another section or position (drag on the canvas).</summary>
    public void Move(string key, DesignSection target, int index)
    {
        var from = SectionOf(key);
        if (from is null || Field(key) is null) return;
        var oldIndex = from.Fields.IndexOf(key);
        from.Fields.RemoveAt(oldIndex);
        if (from == target && oldIndex < index) index--;
        target.Fields.Insert(Math.Clamp(index, 0, target.Fields.Count), key);
        Changed();
    }

    public void Update(string key, Func<FieldDefinition, FieldDefinition> change)
    {
        var i = _fields.FindIndex(f => f.Key == key);
        if (i < 0) return;
        var updated = change(_fields[i]);
        if (updated.Key != key) throw new InvalidOperationException("Use Rename to change a field key.");
        _fields[i] = updated;
        Changed();
    }

    /// <summary>
    /// Renames an unpublished field and every reference to it (layout, title, rules, permissions). Returns the
    /// problem when the new key is refused: a published key never changes, since records store values under it.
    /// </summary>
    public DesignIssue? Rename(string key, string newKey)
    {
        if (key == newKey) return null;
        if (_published.Contains(key))
            return new DesignIssue(key, $"The key '{key}' is published: records store values under it, so it cannot change.", $"字段标识“{key}”已发布，记录按它存储数据，不能修改。");
        if (!FormDefinitionParser.IsValidKey(newKey))
            return new DesignIssue(key, "A key starts with a lower-case letter and has only a-z, 0-9 and _ (at most 48).", "标识须以小写字母开头，只能包含 a-z、0-9 和 _（最多 48 个字符）。");
        if (Field(newKey) is not null || _published.Contains(newKey))
            return new DesignIssue(key, $"The key '{newKey}' is already used.", $"标识“{newKey}”已被使用。");
        var i = _fields.FindIndex(f => f.Key == key);
        if (i < 0) return null;
        _fields[i] = _fields[i] with { Key = newKey };
        foreach (var section in Sections)
            for (var j = 0; j < section.Fields.Count; j++)
                if (section.Fields[j] == key) section.Fields[j] = newKey;
        if (TitleField == key) TitleField = newKey;
        if (PartnerField == key) PartnerField = newKey;
        for (var r = 0; r < Rules.Count; r++)
            Rules[r] = Rules[r] with
            {
                Fields = Rules[r].Fields.Select(f => f == key ? newKey : f).ToList(),
                When = RuleConditions.RenameField(Rules[r].When, key, newKey),
            };
        for (var p = 0; p < Permissions.Count; p++)
            if (Permissions[p].Fields?.ContainsKey(key) == true)
                Permissions[p] = Permissions[p] with { Fields = Permissions[p].Fields!.ToDictionary(e => e.Key == key ? newKey : e.Key, e => e.Value) };
        Changed();
        return null;
    }

    /// <summary>Removes a field and what points at it; a published field's stored values stay (the engine retires it).</summary>
    public void Remove(string key)
    {
        _fields.RemoveAll(f => f.Key == key);
        foreach (var section in Sections) section.Fields.Remove(key);
        if (TitleField == key) TitleField = null;
        if (PartnerField == key) PartnerField = null;
        for (var r = Rules.Count - 1; r >= 0; r--)
        {
            var left = Rules[r].Fields.Where(f => f != key).ToList();
            if (left.Count == 0) Rules.RemoveAt(r);
            else Rules[r] = Rules[r] with { Fields = left };
        }
        for (var p = 0; p < Permissions.Count; p++)
            if (Permissions[p].Fields?.ContainsKey(key) == true)
            {
                var left = Permissions[p].Fields!.Where(e => e.Key != key).ToDictionary();
                Permissions[p] = Permissions[p] with { Fields = left.Count == 0 ? null : left };
            }
        Changed();
    }

    public DesignSection AddSection()
    {
        var section = new DesignSection { Title = new LocalizedText($"Section {Sections.Count + 1}", $"分组 {Sections.Count + 1}"), Columns = 2 };
        Sections.Add(section);
        Changed();
        return section;
    }

    /// <summary>Removes a section; its fields move to the previous (or next) section rather than vanish.</summary>
    public void RemoveSection(DesignSection section)
    {
        if (Sections.Count <= 1) return;
        var i = Sections.IndexOf(section);
        Sections.RemoveAt(i);
        Sections[Math.Max(0, i - 1)].Fields.AddRange(section.Fields);
        Changed();
    }

    public void SetRule(int index, RuleDefinition rule)
    {
        if (index < 0 || index >= Rules.Count) Rules.Add(rule); else Rules[index] = rule;
        Changed();
    }

    public void RemoveRule(int index)
    {
        Rules.RemoveAt(index);
        Changed();
    }

    /// <summary>Sets (or with null clears) one role's access to one field.</summary>
    public void SetFieldAccess(string role, string field, FieldAccess? access)
    {
        var i = Permissions.FindIndex(p => p.Role == role);
        if (i < 0) return;
        var fields = Permissions[i].Fields?.ToDictionary() ?? [];
        if (access is { } a) fields[field] = a; else fields.Remove(field);
        Permissions[i] = Permissions[i] with { Fields = fields.Count == 0 ? null : fields };
        Changed();
    }

    public void SetGrant(RoleGrant grant)
    {
        var i = Permissions.FindIndex(p => p.Role == grant.Role);
        if (i < 0) Permissions.Add(grant); else Permissions[i] = grant;
        Changed();
    }

    public void RemoveGrant(string role)
    {
        Permissions.RemoveAll(p => p.Role == role);
        Changed();
    }

    public void Touch() => Changed();

    private void Changed() => Revision++;

    private string UniqueKey(string type)
    {
        for (var n = 1; ; n++)
        {
            var key = $"{type}_{n}";
            if (Field(key) is null && !_published.Contains(key)) return key;
        }
    }
}

/// <summary>A problem the designer shows, on a field (or the form when <see cref="Field"/> is null), in both languages.</summary>
public sealed record DesignIssue(string? Field, string En, string Zh)
{
    public string For(string? culture) => culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
}
