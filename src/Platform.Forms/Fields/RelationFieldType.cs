using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>A record of another form (or several); the store checks the records exist and are visible to the writer.</summary>
public sealed class RelationFieldType : IdFieldTypeBase, IFieldType
{
    public override string Name => "relation";
    public override string Widget => "record-picker";
    protected override (string En, string Zh) Noun => ("record", "记录");

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (field.Relation is null || string.IsNullOrWhiteSpace(field.Relation.Form))
            yield return $"Field '{field.Key}': a relation needs \"relation\": {{\"form\": \"…\"}}.";
    }
}
