using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Permissions;
using Platform.Reports.Compilation;

namespace Platform.Reports.Access;

/// <summary>Read scopes from the form engine: the same row predicate and field visibility as every other read path.</summary>
internal sealed class FormsReportAccess(IFormDefinitions definitions, IRecordPermissions permissions) : IReportAccess
{
    public async Task<ReadScope> GetAsync(UserContext user, string app, string form, CancellationToken ct)
    {
        var definition = await definitions.GetPublishedAsync(app, form, ct);
        if (definition is null) return ReadScope.Nothing;
        var access = permissions.Resolve(user, definition);
        if (!access.Unrestricted && !access.Can(FormAction.Read)) return ReadScope.Nothing;
        var hidden = definition.Fields.Concat(definition.Retired ?? []).Where(f => !access.IsVisible(f.Key)).Select(f => f.Key).ToHashSet();
        var predicate = await permissions.ReadScopeAsync(user, definition, FieldResolver.RootAlias, ct);
        return new ReadScope(true, hidden, predicate.Sql, predicate.Parameters) { TitleHidden = access.TitleHidden };
    }
}
