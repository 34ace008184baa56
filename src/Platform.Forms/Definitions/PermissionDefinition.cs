using System.Text.Json.Serialization;

namespace Platform.Forms.Definitions;

[JsonConverter(typeof(JsonStringEnumConverter<FormAction>))]
public enum FormAction { Create, Read, Update, Delete, Export, Import }

/// <summary>Which records a role reaches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataScope>))]
public enum DataScope { Own, Department, DepartmentTree, Partner, All }

[JsonConverter(typeof(JsonStringEnumConverter<FieldAccess>))]
public enum FieldAccess { Hidden, ReadOnly, Editable }

/// <summary>What one role may do on a form; a user's rights are the union over their roles.</summary>
public sealed record RoleGrant
{
    public required string Role { get; init; }
    public required IReadOnlyList<FormAction> Actions { get; init; }
    public DataScope Scope { get; init; } = DataScope.Own;
    /// <summary>Fields not listed are editable.</summary>
    public IReadOnlyDictionary<string, FieldAccess>? Fields { get; init; }
}
