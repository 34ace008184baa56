using Platform.Core.Organization;

namespace Platform.Forms.Fields;

/// <summary>What a field type may need while converting a value: who acts, when, and in which time zone.</summary>
public sealed record FieldContext(UserContext User, DateTimeOffset Now, TimeZoneInfo TimeZone)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime);
}
