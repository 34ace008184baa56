namespace Platform.Studio.Designers.Workflow; internal sealed partial class WorkflowDesignerTexts { private static readonly Dictionary<string,(string Zh,string En)> All = new(); }
