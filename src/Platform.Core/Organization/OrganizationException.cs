namespace Platform.Core.Organization;

/// <summary>An organisation change was refused; carries an English and a Chinese message for the user.</summary>
public sealed class OrganizationException(string code, string message, string messageZh) : Exception(message)
{
    /// <summary>Stable machine-readable reason, e.g. <c>partner.conflict</c>.</summary>
    public string Code { get; } = code;

    public string MessageZh { get; } = messageZh;
}
