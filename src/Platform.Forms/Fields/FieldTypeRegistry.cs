namespace Platform.Forms.Fields;

/// <summary>The field types the platform knows, by name. Adding a type is one class and one registration.</summary>
public sealed class FieldTypeRegistry(IEnumerable<IFieldType> types)
{
    private readonly Dictionary<string, IFieldType> _types = types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _types.Keys;

    public bool TryGet(string name, out IFieldType type) => _types.TryGetValue(name, out type!);

    public IFieldType Get(string name) =>
        _types.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"Unknown field type '{name}'.");
}
