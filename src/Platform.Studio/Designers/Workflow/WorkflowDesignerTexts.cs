using Platform.Studio.Localization;

namespace Platform.Studio.Designers.Workflow;

/// <summary>Strings of the workflow and approval-chain designers: key → (中文, English).</summary>
internal sealed partial class WorkflowDesignerTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = All;
}
